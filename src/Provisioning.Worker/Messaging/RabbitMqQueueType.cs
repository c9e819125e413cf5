namespace Provisioning.Worker.Messaging;

/// <summary>How the worker declares its durable queues (<c>RabbitMq:QueueType</c>).</summary>
public enum RabbitMqQueueType
{
    /// <summary>RabbitMQ's classic queues: the queue lives on the node that declared it.</summary>
    Classic,

    /// <summary>Quorum queues, replicated across the cluster's nodes: a command or an outcome survives one node stopping.</summary>
    Quorum,
}
