namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>A test that needs the 3-node cluster: skipped, saying how to get one, when <c>WFP_TEST_RABBITMQ_CLUSTER</c> is unset.</summary>
public sealed class RabbitMqClusterFactAttribute : FactAttribute
{
    public RabbitMqClusterFactAttribute()
    {
        if (RabbitMqCluster.FromEnvironment() is null)
        {
            Skip = $"No RabbitMQ cluster: set {RabbitMqCluster.Variable} to the last line of `ops/rabbitmq/cluster.sh start` "
                + "(ops/test.sh starts the cluster and sets it).";
        }
    }
}
