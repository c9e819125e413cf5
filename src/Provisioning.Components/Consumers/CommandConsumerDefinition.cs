using Provisioning.Components.Persistence.SagaRepository;
using Provisioning.Messaging;

namespace Provisioning.Components.Consumers;

/// <summary>
/// One queue per command type, named by <see cref="CommandQueues"/> (provision-tenant, attach-binding, ...). Retry covers
/// the CommandId race on the TenantCommands primary key; the outbox holds CommandRejected / TenantCommandQueued until the
/// row is saved. Each queue hosts one message type, so it also accepts plain JSON (<c>content_type: application/json</c>)
/// from services that do not use MassTransit: with AnyMessageType the body is read as that type, no MT-MessageType needed.
/// </summary>
public sealed class CommandConsumerDefinition<TCommand> : ConsumerDefinition<TenantCommandConsumer<TCommand>>
    where TCommand : class, ITenantCommand
{
    public CommandConsumerDefinition()
    {
        EndpointName = CommandQueues.For<TCommand>();
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TenantCommandConsumer<TCommand>> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType | RawSerializerOptions.AddTransportHeaders, isDefault: false);
        endpointConfigurator.UseDatabaseConflictRetry();
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
