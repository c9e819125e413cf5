using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Provisioning.Components.Consumers;
using Provisioning.Components.Persistence;
using Provisioning.Components.Persistence.SagaRepository;
using Provisioning.Components.Queries;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Steps;
using Provisioning.Components.Steps.CreateResource;
using Provisioning.Components.Steps.DeleteResource;
using Provisioning.Components.Steps.DeleteScript;
using Provisioning.Components.Steps.EnsureDispatchNamespace;
using Provisioning.Components.Steps.UpdateBindings;
using Provisioning.Components.Steps.UploadScript;
using Provisioning.Components.Steps.VerifyBindings;

namespace Provisioning.Components;

public static class ProvisioningRegistrationExtensions
{
    /// <summary>
    /// Options section "Provisioning" (validated at start), the services behind the saga, steps and command intake, and
    /// the two sweepers (parked commands, stalled operations). Needs AddProvisioningPersistence and AddCloudflareClient as well.
    /// </summary>
    public static IServiceCollection AddProvisioningServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ProvisioningOptions>()
            .Bind(configuration.GetSection(ProvisioningOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddCommandIntake();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProvisioningMetrics>();
        services.TryAddSingleton<StepContext>();
        services.TryAddScoped<TenantOperations>();
        services.AddHostedService<ParkedCommandSweeper>();
        services.AddHostedService<StalledWorkSweeper>();
        return services;
    }

    /// <summary>
    /// Command intake (provision-tenant, attach-binding, detach-binding, deploy-script, deprovision-tenant), the tenant
    /// saga on our EF repository (tenant-state), the step consumers (tenant-step) and the queries
    /// (get-tenant-status, list-tenants), each with its definition.
    /// </summary>
    public static IBusRegistrationConfigurator AddProvisioningConsumers(this IBusRegistrationConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.AddCommandConsumers();
        configurator.AddSagaStateMachine<TenantStateMachine, TenantState, TenantStateMachineDefinition>()
            .EfCoreRepository<TenantState, ProvisioningDbContext>();

        configurator.AddConsumer<EnsureDispatchNamespaceConsumer, StepConsumerDefinition<EnsureDispatchNamespaceConsumer>>();
        configurator.AddConsumer<CreateResourceConsumer, StepConsumerDefinition<CreateResourceConsumer>>();
        configurator.AddConsumer<UploadScriptConsumer, StepConsumerDefinition<UploadScriptConsumer>>();
        configurator.AddConsumer<UpdateBindingsConsumer, StepConsumerDefinition<UpdateBindingsConsumer>>();
        configurator.AddConsumer<VerifyBindingsConsumer, StepConsumerDefinition<VerifyBindingsConsumer>>();
        configurator.AddConsumer<DeleteResourceConsumer, StepConsumerDefinition<DeleteResourceConsumer>>();
        configurator.AddConsumer<DeleteScriptConsumer, StepConsumerDefinition<DeleteScriptConsumer>>();

        configurator.AddConsumer<GetTenantStatusConsumer, GetTenantStatusConsumerDefinition>();
        configurator.AddConsumer<ListTenantsConsumer, ListTenantsConsumerDefinition>();
        return configurator;
    }
}
