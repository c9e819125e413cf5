using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;

namespace Provisioning.Worker.Messaging;

/// <summary>
/// <c>RabbitMq:QueueType=quorum</c> for the receive endpoints: each durable queue becomes a quorum queue, replicated
/// across the cluster. Temporary queues (non-durable, expiring, such as each instance's worker-outcomes-*) stay classic:
/// RabbitMQ allows quorum queues only durable, not exclusive and not auto-delete. MassTransit copies the queue arguments to the
/// endpoint's <c>_error</c> and <c>_skipped</c> queues, so those are quorum queues too.
/// </summary>
internal static class QuorumQueues
{
    /// <summary>A <see cref="IBusRegistrationConfigurator.AddConfigureEndpointsCallback(ConfigureEndpointsCallback)"/> callback.</summary>
    public static void Apply(string queueName, IReceiveEndpointConfigurator configurator)
    {
        if (configurator is IRabbitMqReceiveEndpointConfigurator rabbit
            && configurator is IRabbitMqReceiveEndpointConfiguration { Settings: { Durable: true, AutoDelete: false } })
        {
            rabbit.SetQuorumQueue();
        }
    }
}
