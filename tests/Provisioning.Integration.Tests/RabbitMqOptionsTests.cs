using System.ComponentModel.DataAnnotations;
using Provisioning.Worker.Messaging;

namespace Provisioning.Integration.Tests;

/// <summary>How RabbitMq:Uri and RabbitMq:ClusterNodes become the list of nodes the worker connects to, and what is refused at start.</summary>
public sealed class RabbitMqOptionsTests
{
    [Fact]
    public void The_uri_node_comes_first_and_a_node_without_port_takes_the_uri_port()
    {
        var options = new RabbitMqOptions { Uri = new Uri("amqp://wfp:secret@10.0.0.1:5681/tenants"), ClusterNodes = " 10.0.0.2:5682, 10.0.0.3 ,10.0.0.1:5681" };

        Assert.Equal(["10.0.0.1:5681", "10.0.0.2:5682", "10.0.0.3:5681"], options.GetClusterNodes());
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Without_cluster_nodes_there_is_no_cluster()
    {
        Assert.Empty(new RabbitMqOptions { Uri = new Uri("amqp://127.0.0.1/") }.GetClusterNodes());
    }

    [Theory]
    [InlineData("10.0.0.2:notaport")]
    [InlineData("10.0.0.2:0")]
    [InlineData("bad host:5672")]
    public void A_malformed_node_is_refused_naming_the_setting(string node)
    {
        var errors = Validate(new RabbitMqOptions { Uri = new Uri("amqp://127.0.0.1/"), ClusterNodes = node });

        var error = Assert.Single(errors);
        Assert.Contains("RabbitMq:ClusterNodes", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(node, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_nodes_without_a_uri_are_refused()
    {
        var error = Assert.Single(Validate(new RabbitMqOptions { ClusterNodes = "10.0.0.2:5672" }));
        Assert.Contains("RabbitMq:Uri", error.ErrorMessage, StringComparison.Ordinal);
    }

    static List<ValidationResult> Validate(RabbitMqOptions options) => options.Validate(new ValidationContext(options)).ToList();
}
