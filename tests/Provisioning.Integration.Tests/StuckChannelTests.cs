using MassTransit;
using Provisioning.Integration.Tests.Infrastructure;
using RabbitMQ.Client;

namespace Provisioning.Integration.Tests;

/// <summary>
/// A channel whose publishes the broker keeps nacking is closed and replaced (RabbitMq:ChannelNackLimit). On one broker a
/// queue with <c>x-max-length=0</c> and <c>x-overflow=reject-publish</c> nacks every message routed to it, which stands in
/// for the channel a quorum queue's leader election left nacking (README, "Tests").
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class StuckChannelTests(StuckChannelTests.App app) : IClassFixture<StuckChannelTests.App>
{
    const int NackLimit = 2;

    public sealed class App(TestServices services) : ProvisioningApp(services)
    {
        protected override IReadOnlyDictionary<string, string?> WorkerSettings => new Dictionary<string, string?>
        {
            ["RabbitMq:ChannelNackLimit"] = NackLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public sealed record NackProbe
    {
        public Guid Id { get; init; }
    }

    [Fact]
    public async Task The_bus_channel_is_closed_after_nacks_in_a_row_and_publishing_goes_on_on_a_new_one()
    {
        var exchange = ((IRabbitMqMessagePublishTopology<NackProbe>)app.Worker.Bus.Topology.Publish<NackProbe>()).Exchange.ExchangeName;
        await using var connection = await new ConnectionFactory { Uri = app.VirtualHost.AmqpUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync("nacking", durable: true, exclusive: false, autoDelete: false,
            new Dictionary<string, object?> { ["x-max-length"] = 0, ["x-overflow"] = "reject-publish" });
        await channel.QueueBindAsync("nacking", exchange, "");

        // MassTransit takes a nack for a connection failure and tries the same publish again, seconds apart: the nacks of
        // those attempts make the streaks. A second streak can only be counted on a channel opened after the first closed.
        var publish = app.Worker.Bus.Publish(new NackProbe { Id = Guid.NewGuid() });
        await ProvisioningApp.WaitUntilAsync(() => Task.FromResult(Closures().Count >= 2));
        Assert.False(publish.IsCompleted, "the publish ended while the broker refused it");

        // Once the broker takes the message, the publish that was being retried is confirmed, on the newest channel.
        await channel.QueueDeleteAsync("nacking");
        await publish.WaitAsync(ProvisioningApp.WaitLimit);
        Assert.Equal(2, Closures().Count);
    }

    List<Serilog.Events.LogEvent> Closures() =>
        app.Logs.Events.Where(e => e.MessageTemplate.Text.Contains("publisher nacks in a row", StringComparison.Ordinal)).ToList();
}
