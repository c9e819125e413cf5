using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

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

    public static async Task<RabbitMqVirtualHost> CreateAsync(TestServices services)
    {
        var userInfo = services.RabbitMq.UserInfo.Split(':', 2);
        var management = new HttpClient { BaseAddress = services.RabbitMqManagement };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.UnescapeDataString(userInfo[0])}:{Uri.UnescapeDataString(userInfo[1])}")));

        var name = $"wfp-test-{Guid.NewGuid():N}"[..24];
        (await management.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"api/permissions/{name}/{Uri.EscapeDataString(Uri.UnescapeDataString(userInfo[0]))}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        var amqp = new UriBuilder(services.RabbitMq) { Path = "/" + name }.Uri;
        return new RabbitMqVirtualHost(management, name, amqp);
    }

    /// <summary>GET /api/queues/{vhost}: every queue with its properties as the dashboard shows them.</summary>
    public async Task<IReadOnlyList<JsonElement>> GetQueuesAsync() =>
        await _management.GetFromJsonAsync<List<JsonElement>>($"api/queues/{Name}") ?? [];

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

    public async ValueTask DisposeAsync()
    {
        await _management.DeleteAsync($"api/vhosts/{Name}");
        _management.Dispose();
    }
}
