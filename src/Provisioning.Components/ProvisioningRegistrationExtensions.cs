using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Provisioning.Components.Consumers;
using Provisioning.Components.Maintenance;
using Provisioning.Components.Outbox;
using Provisioning.Components.Persistence.SagaRepository;
using Provisioning.Components.Queries;
using Provisioning.Components.Reconciliation;
using Provisioning.Components.Secrets;
using Provisioning.Components.StateMachines;
using Provisioning.Components.StateMachines.Activities;
using Provisioning.Components.Steps;
using Provisioning.Components.Steps.CreateResource;
using Provisioning.Components.Steps.CreateResources;
using Provisioning.Components.Steps.DeleteResource;
using Provisioning.Components.Steps.DeleteResources;
using Provisioning.Components.Steps.DeleteScript;
using Provisioning.Components.Steps.EnsureDispatchNamespace;
using Provisioning.Components.Steps.UpdateBindings;
using Provisioning.Components.Steps.UploadScript;
using Provisioning.Components.Steps.VerifyBindings;
using Provisioning.Messaging;

namespace Provisioning.Components;

public static class ProvisioningRegistrationExtensions
{
    /// <summary>The domain services from the "Provisioning" section (see <see cref="AddProvisioningServices(IServiceCollection, IConfiguration)"/>).</summary>
    public static IHostApplicationBuilder AddProvisioningServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProvisioningServices(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Options section "Provisioning" (validated at start), command intake, the operations (one per command type), the
    /// saga's activities and the services behind them, the outbox relay, and the two sweepers (parked commands, stalled operations).
    /// Needs AddProvisioningPersistence and AddCloudflareClient as well; the bus side is <see cref="AddProvisioningConsumers"/>.
    /// </summary>
    public static IServiceCollection AddProvisioningServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ProvisioningOptions>()
            .Bind(configuration.GetSection(ProvisioningOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProvisioningMetrics>();
        services.TryAddSingleton<Queries.FleetBudgets>();

        services.AddProvisioningSecrets(configuration);     // the key ring that encrypts secret values (Secrets/)
        services.AddCommandIntake();

        // What each command does. A new command adds its operation here.
        services.AddSingleton<ITenantOperation, ProvisionTenantOperation>();
        services.AddSingleton<ITenantOperation, AttachBindingOperation>();
        services.AddSingleton<ITenantOperation, DetachBindingOperation>();
        services.AddSingleton<ITenantOperation, DeployScriptOperation>();
        services.AddSingleton<ITenantOperation, DeprovisionTenantOperation>();
        services.AddSingleton<ITenantOperation, RestoreBindingsOperation>();
        services.TryAddSingleton<OperationCatalog>();

        // The saga's unit of work and activities (one delivery, one scope).
        services.TryAddScoped<TenantJournal>();
        services.TryAddScoped<Timeline.TimelineWriter>();
        services.TryAddScoped<OperationMessenger>();
        services.TryAddScoped<OperationOutcomes>();
        services.TryAddScoped<StartNextCommandActivity>();
        services.TryAddScoped<AdvanceStepActivity>();
        services.TryAddScoped<BeginCompensationActivity>();
        services.TryAddScoped<CompleteOperationActivity>();
        services.TryAddScoped<FailOperationActivity>();
        services.TryAddScoped<CompensationFailedActivity>();
        services.TryAddScoped<RetryCompensationActivity>();
        services.TryAddScoped<ResumeOperationActivity>();

        services.TryAddSingleton<StepContext>();
        services.TryAddSingleton<Steps.EnsureDispatchNamespace.KnownDispatchNamespaces>();
        services.TryAddTransient<ResourceCreator>();
        services.TryAddTransient<ResourceDeleter>();
        services.AddProvisioningOutbox(configuration);
        services.AddHostedService<ParkedCommandSweeper>();
        services.AddHostedService<StalledWorkSweeper>();

        // The reconciler: on demand (Reconcile request) and on a schedule.
        services.AddOptions<ReconciliationOptions>()
            .Bind(configuration.GetSection(ReconciliationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<Reconciler>();
        services.AddHostedService<ReconciliationJob>();
        return services;
    }

    /// <summary>
    /// Command intake (one queue per command: provision-tenant, attach-binding, ...), the tenant
    /// saga on our EF repository (tenant-state), the step consumers (tenant-step) and the queries
    /// (get-tenant-status, list-tenants, get-tenant-timeline), each with its definition.
    /// </summary>
    public static IBusRegistrationConfigurator AddProvisioningConsumers(this IBusRegistrationConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.AddCommandConsumers();

        configurator.AddSagaStateMachine<TenantStateMachine, TenantState, TenantStateMachineDefinition>()
            .EfCoreRepository<TenantState, ProvisioningDbContext>();

        configurator.AddConsumer<EnsureDispatchNamespaceConsumer, StepConsumerDefinition<EnsureDispatchNamespaceConsumer>>();
        configurator.AddConsumer<CreateResourceConsumer, StepConsumerDefinition<CreateResourceConsumer>>();
        configurator.AddConsumer<CreateResourcesConsumer, StepConsumerDefinition<CreateResourcesConsumer>>();
        configurator.AddConsumer<UploadScriptConsumer, StepConsumerDefinition<UploadScriptConsumer>>();
        configurator.AddConsumer<UpdateBindingsConsumer, StepConsumerDefinition<UpdateBindingsConsumer>>();
        configurator.AddConsumer<VerifyBindingsConsumer, StepConsumerDefinition<VerifyBindingsConsumer>>();
        configurator.AddConsumer<DeleteResourceConsumer, StepConsumerDefinition<DeleteResourceConsumer>>();
        configurator.AddConsumer<DeleteResourcesConsumer, StepConsumerDefinition<DeleteResourcesConsumer>>();
        configurator.AddConsumer<DeleteScriptConsumer, StepConsumerDefinition<DeleteScriptConsumer>>();

        configurator.AddConsumer<GetTenantStatusConsumer, GetTenantStatusConsumerDefinition>();
        configurator.AddConsumer<ListTenantsConsumer, ListTenantsConsumerDefinition>();
        configurator.AddConsumer<ReconcileConsumer, ReconcileConsumerDefinition>();
        configurator.AddConsumer<GetTenantTimelineConsumer, GetTenantTimelineConsumerDefinition>();
        configurator.AddConsumer<Operator.ForgetTenantConsumer, Operator.ForgetTenantConsumerDefinition>();
        configurator.AddConsumer<Operator.ResumeTenantConsumer, Operator.ResumeTenantConsumerDefinition>();
        return configurator;
    }

    /// <summary>
    /// Options section "Outbox", the writer the saga and the parked-command sweeper add messages with, and the relay
    /// that publishes them (needs the bus: IBus).
    /// </summary>
    public static IServiceCollection AddProvisioningOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProvisioningMetrics>();
        services.TryAddSingleton<OutboxReplica>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxHandoff>();
        services.TryAddSingleton<OutboxWriter>();
        services.TryAddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxRelay>();
        return services;
    }

    /// <summary>Validation and storage of incoming commands (the DbContext factory comes from AddProvisioningPersistence, the key ring from AddProvisioningSecrets).</summary>
    public static IServiceCollection AddCommandIntake(this IServiceCollection services)
    {
        services.AddOptions<ProvisioningOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CommandSequence>();
        services.TryAddSingleton<CommandValidator>();
        services.TryAddScoped<CommandIntake>();
        return services;
    }

    /// <summary>An intake consumer for every tenant command contract, each on its own queue (<see cref="CommandQueues"/>).</summary>
    public static IBusRegistrationConfigurator AddCommandConsumers(this IBusRegistrationConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        foreach (var command in CommandQueues.TenantCommands)
        {
            configurator.AddConsumer(typeof(TenantCommandConsumer<>).MakeGenericType(command), typeof(CommandConsumerDefinition<>).MakeGenericType(command));
        }

        return configurator;
    }
}
