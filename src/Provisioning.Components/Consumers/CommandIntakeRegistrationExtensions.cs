using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Provisioning.Components.Consumers;

public static class CommandIntakeRegistrationExtensions
{
    /// <summary>Validation and storage of incoming commands, with <see cref="ProvisioningOptions"/> bound to "Provisioning".</summary>
    public static IHostApplicationBuilder AddProvisioningCommandIntake(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ProvisioningOptions>()
            .BindConfiguration(ProvisioningOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddCommandIntake();
        return builder;
    }

    /// <summary>The services the command consumers need (the DbContext factory comes from AddProvisioningPersistence).</summary>
    public static IServiceCollection AddCommandIntake(this IServiceCollection services)
    {
        services.AddOptions<ProvisioningOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CommandSequence>();
        services.TryAddSingleton<CommandValidator>();
        services.TryAddScoped<CommandIntake>();
        return services;
    }

    /// <summary>The five command consumers, each on its own queue.</summary>
    public static IBusRegistrationConfigurator AddCommandConsumers(this IBusRegistrationConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.AddConsumer<ProvisionTenantConsumer, ProvisionTenantConsumerDefinition>();
        configurator.AddConsumer<AttachBindingConsumer, AttachBindingConsumerDefinition>();
        configurator.AddConsumer<DetachBindingConsumer, DetachBindingConsumerDefinition>();
        configurator.AddConsumer<DeployScriptConsumer, DeployScriptConsumerDefinition>();
        configurator.AddConsumer<DeprovisionTenantConsumer, DeprovisionTenantConsumerDefinition>();
        return configurator;
    }
}
