using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>A fresh vhost for one test class, through the management HTTP API; deleted (with its queues) at the end.</summary>
public sealed class RabbitMqVirtualHost : IAsyncDisposable
{
    readonly HttpClient _management;

    RabbitMqVirtualHost(HttpClient management, string name, Uri amqpUri)
    {
        _management = management;
        Name = name;
        AmqpUri = amqpUri;
    }

    public string Name { get; }

    /// <summary>amqp://user:password@host:port/{vhost}.</summary>
    public Uri AmqpUri { get; }

    public static Task<RabbitMqVirtualHost> CreateAsync(TestServices services) => CreateAsync(services.RabbitMq, services.RabbitMqManagement);

    /// <param name="broker">amqp://user:password@host:port/ of the broker (or of one node of a cluster).</param>
    /// <param name="managementApi">The management HTTP API root of the same broker.</param>
    public static async Task<RabbitMqVirtualHost> CreateAsync(Uri broker, Uri managementApi)
    {
        var userInfo = broker.UserInfo.Split(':', 2);
        var management = new HttpClient { BaseAddress = managementApi };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.UnescapeDataString(userInfo[0])}:{Uri.UnescapeDataString(userInfo[1])}")));

        var name = $"wfp-test-{Guid.NewGuid():N}"[..24];
        (await management.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"api/permissions/{name}/{Uri.EscapeDataString(Uri.UnescapeDataString(userInfo[0]))}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        var amqp = new UriBuilder(broker) { Path = "/" + name }.Uri;
        return new RabbitMqVirtualHost(management, name, amqp);
    }

    /// <summary>GET /api/queues/{vhost}: every queue with its properties as the dashboard shows them.</summary>
    public async Task<IReadOnlyList<JsonElement>> GetQueuesAsync() =>
        await _management.GetFromJsonAsync<List<JsonElement>>($"api/queues/{Name}") ?? [];

    /// <summary>GET /api/consumers/{vhost}: every consumer with its queue and prefetch count.</summary>
    public async Task<IReadOnlyList<JsonElement>> GetConsumersAsync() =>
        await _management.GetFromJsonAsync<List<JsonElement>>($"api/consumers/{Name}") ?? [];

    /// <summary>
    /// Peeks at up to <paramref name="count"/> messages of <paramref name="queue"/> (requeued; the dashboard's "Get
    /// messages"); empty when the queue does not exist yet.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> PeekAsync(string queue, int count = 10)
    {
        using var response = await _management.PostAsJsonAsync($"api/queues/{Name}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 50000 });
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<JsonElement>>() ?? [];
    }

    /// <summary>
    /// A durable quorum queue of this test's own bound to <paramref name="exchange"/>, as a platform service listening to
    /// the workers' events would have (through the management API).
    /// </summary>
    public async Task DeclareQuorumQueueAsync(string queue, string exchange)
    {
        (await _management.PutAsJsonAsync($"api/queues/{Name}/{Uri.EscapeDataString(queue)}",
            new { durable = true, auto_delete = false, arguments = new Dictionary<string, object> { ["x-queue-type"] = "quorum" } })).EnsureSuccessStatusCode();
        (await _management.PostAsJsonAsync($"api/bindings/{Name}/e/{Uri.EscapeDataString(exchange)}/q/{Uri.EscapeDataString(queue)}",
            new { routing_key = "" })).EnsureSuccessStatusCode();
    }

    /// <summary>Publishes <paramref name="body"/> to <paramref name="exchange"/> as a client without MassTransit would (JSON, persistent).</summary>
    public async Task PublishRawAsync(string exchange, string messageId, string body)
    {
        await using var connection = await new ConnectionFactory { Uri = AmqpUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = "application/json", MessageId = messageId, DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync(exchange, "", mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    public async ValueTask DisposeAsync()
    {
        await _management.DeleteAsync($"api/vhosts/{Name}");
        _management.Dispose();
    }
}
