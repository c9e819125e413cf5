using MassTransit;

namespace Provisioning.Worker.Messaging;

/// <summary>
/// Puts a <see cref="StuckChannelFilter"/> in the channel pipe of every RabbitMQ receive endpoint, the bus endpoint
/// included (an endpoint configuration observer sees it too).
/// </summary>
internal sealed class StuckChannels(int nackLimit, ILogger logger) : IEndpointConfigurationObserver
{
    public void EndpointConfigured<T>(T configurator)
        where T : IReceiveEndpointConfigurator
    {
        if (configurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.ConfigureChannel(p => p.UseFilter(new StuckChannelFilter(nackLimit, configurator.InputAddress, logger)));
        }
    }
}
