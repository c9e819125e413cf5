using MassTransit;
using Provisioning.Components.Persistence.SagaRepository;

namespace Provisioning.Components.Consumers;

/// <summary>
/// One queue per command type (provision-tenant, attach-binding, ...). Retry covers the CommandId race on the
/// TenantCommands primary key; the outbox holds CommandRejected / TenantCommandQueued until the row is saved.
/// </summary>
public abstract class CommandConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseDatabaseConflictRetry();
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
