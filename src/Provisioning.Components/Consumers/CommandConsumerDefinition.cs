using MassTransit;
using Provisioning.Components.Persistence.SagaRepository;

namespace Provisioning.Components.Consumers;

/// <summary>
/// One queue per command type (provision-tenant, attach-binding, ...). Retry covers the CommandId race on the
/// TenantCommands primary key; the outbox holds CommandRejected / TenantCommandQueued until the row is saved.
/// Each queue hosts one message type, so it also accepts plain JSON (<c>content_type: application/json</c>) from
/// services that do not use MassTransit: with AnyMessageType the body is read as that type, no MT-MessageType needed.
/// </summary>
public abstract class CommandConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType | RawSerializerOptions.AddTransportHeaders, isDefault: false);
        endpointConfigurator.UseDatabaseConflictRetry();
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
