using Provisioning.Messaging;

namespace Provisioning.Components.Tests.Contracts;

/// <summary>The broker URI as both the worker and the CLI read it.</summary>
public sealed class RabbitMqAddressTests
{
    [Theory]
    [InlineData("amqp://wfp:s3cret@broker:5673/tenants", "broker", 5673, "tenants", "wfp", "s3cret", "amqp://broker:5673/tenants")]
    [InlineData("amqp://127.0.0.1/", "127.0.0.1", 5672, "/", "guest", "guest", "amqp://127.0.0.1:5672/")]
    [InlineData("amqps://u:p%40ss@mq.example/%2Fprod", "mq.example", 5671, "/prod", "u", "p@ss", "amqps://mq.example:5671//prod")]
    public void Reads_host_port_virtual_host_and_credentials(string uri, string host, int port, string vhost, string user, string password, string display)
    {
        var address = new RabbitMqAddress(new Uri(uri));

        Assert.Equal((host, (ushort)port, vhost, user, password), (address.Uri.Host, address.Port, address.VirtualHost, address.Username, address.Password));
        Assert.Equal(display, address.DisplayAddress);
        Assert.DoesNotContain(password, address.DisplayAddress, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://broker:5672/")]
    [InlineData("broker:5672")]
    public void Refuses_what_is_not_an_amqp_uri(string uri)
    {
        Assert.False(RabbitMqAddress.IsSupported(new Uri(uri, UriKind.RelativeOrAbsolute)));
        Assert.Throws<ArgumentException>(() => new RabbitMqAddress(new Uri(uri, UriKind.RelativeOrAbsolute)));
    }
}
