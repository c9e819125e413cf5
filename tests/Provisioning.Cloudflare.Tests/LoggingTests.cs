using System.Net;
using Microsoft.Extensions.Logging;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

public class LoggingTests
{
    [Fact]
    public async Task LogsOneDebugLinePerCallWithRouteTemplateStatusAndRayId()
    {
        using var host = CloudflareTestHost.Create();
        host.Stub.Respond(HttpStatusCode.OK, "kv-namespace.json", ("cf-ray", "1a2b3c4d5e6f7a8b-CDG"));

        await host.Client.KvNamespaces.GetAsync("0f2ac74b498b48028cb68387c421e279", CancellationToken.None);

        var line = Assert.Single(host.Logs.Entries, e => e.Level == LogLevel.Debug && e.Category.StartsWith("Provisioning.Cloudflare", StringComparison.Ordinal));
        Assert.Equal("GET", line.Property("HttpMethod"));
        Assert.Equal("accounts/{account_id}/storage/kv/namespaces/{namespace_id}", line.Property("CloudflareRoute"));
        Assert.Equal(200, line.Property("StatusCode"));
        Assert.Equal("1a2b3c4d5e6f7a8b-CDG", line.Property("CloudflareRayId"));
    }

    [Fact]
    public async Task NeverLogsTheTokenOrRequestBodies()
    {
        const string secretValue = "tenant-secret-value-0b9c8d7e";
        using var host = CloudflareTestHost.Create(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(60));
        host.Stub.Respond(HttpStatusCode.InternalServerError, "error-internal.json")
            .Respond(HttpStatusCode.OK, "secret.json")
            .Throw(new HttpRequestException("Connection reset by peer"))
            .Respond(HttpStatusCode.OK, "kv-namespace.json")
            .Respond(HttpStatusCode.BadRequest, "error-kv-title-exists.json")
            .Respond(HttpStatusCode.TooManyRequests, "error-rate-limited.json", ("Retry-After", "600"));

        await host.Client.Scripts.SetSecretAsync("production", "tenant-123", "API_KEY", secretValue, CancellationToken.None);
        await host.Client.KvNamespaces.CreateAsync("tenant-123", CancellationToken.None);
        var failures = new[]
        {
            await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.KvNamespaces.CreateAsync("tenant-123", CancellationToken.None)),
            await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(CancellationToken.None)),
        };

        Assert.Equal(6, host.Stub.Requests.Count);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Debug);
        Assert.All(host.Logs.Entries, e =>
        {
            Assert.DoesNotContain(CloudflareTestHost.ApiToken, e.Everything, StringComparison.Ordinal);
            Assert.DoesNotContain(secretValue, e.Everything, StringComparison.Ordinal);
        });
        Assert.All(failures, ex => Assert.DoesNotContain(CloudflareTestHost.ApiToken, ex.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void NeverPrintsASecretBindingValue()
    {
        var binding = new SecretTextBinding("API_KEY", "tenant-secret-value-0b9c8d7e");

        Assert.DoesNotContain("tenant-secret-value", binding.ToString(), StringComparison.Ordinal);
        Assert.Contains("API_KEY", binding.ToString(), StringComparison.Ordinal);
    }
}
