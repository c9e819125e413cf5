using System.Net;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

public sealed class NotFoundErrorsAgainstEmulatorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Missing_resources_surface_with_status_codes_and_ray_id_and_are_not_retried()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var client = emulator.Client;
        await client.DispatchNamespaces.CreateAsync("wfp-tenants", None);

        var script = await Assert.ThrowsAsync<CloudflareApiException>(() => client.Scripts.GetAsync("wfp-tenants", "nobody", None));
        var kv = await Assert.ThrowsAsync<CloudflareApiException>(() => client.KvNamespaces.GetAsync("0f2ac74b498b48028cb68387c421e279", None));
        var d1 = await Assert.ThrowsAsync<CloudflareApiException>(() => client.D1Databases.GetAsync("7c2e4c5a-3f0b-4c57-9a0e-2b1d3c4e5f60", None));
        var r2 = await Assert.ThrowsAsync<CloudflareApiException>(() => client.R2Buckets.GetAsync("no-such-bucket", null, None));

        // The GET answers 10092 (what wrangler keys "not deployed yet" on); the other script routes say 10007.
        Assert.True(script.HasErrorCode(CloudflareErrorCodes.ScriptEnvironmentNotFound), script.Message);
        Assert.True(kv.HasErrorCode(CloudflareErrorCodes.KvNamespaceNotFound), kv.Message);
        Assert.True(d1.HasErrorCode(CloudflareErrorCodes.D1DatabaseNotFound), d1.Message);
        Assert.True(r2.HasErrorCode(CloudflareErrorCodes.R2BucketNotFound), r2.Message);
        Assert.All(new[] { script, kv, d1, r2 }, error =>
        {
            Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
            Assert.False(error.IsTransient);
            Assert.Matches("^[0-9a-f]{16}-EMU$", error.RayId);
            Assert.Contains(error.RayId!, error.Message, StringComparison.Ordinal);
            Assert.All(error.Errors, e => Assert.False(string.IsNullOrEmpty(e.Message)));
        });

        var counters = await emulator.CountersAsync();
        Assert.All(new[] { "scripts.get", "kv.get", "d1.get", "r2.get" }, operation =>
            Assert.Equal(1, counters[operation].ByStatus["404"]));
        Assert.All(new[] { "scripts.get", "kv.get", "d1.get", "r2.get" }, operation => Assert.Equal(1, counters[operation].Total));
    }

    [Fact]
    public async Task Script_routes_of_a_missing_script_answer_10007()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.Client.DispatchNamespaces.CreateAsync("wfp-tenants", None);

        var bindings = await Assert.ThrowsAsync<CloudflareApiException>(() => emulator.Client.Scripts.GetBindingsAsync("wfp-tenants", "nobody", None));
        var delete = await Assert.ThrowsAsync<CloudflareApiException>(() => emulator.Client.Scripts.DeleteAsync("wfp-tenants", "nobody", false, None));

        Assert.All(new[] { bindings, delete }, error =>
        {
            Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
            Assert.True(error.HasErrorCode(CloudflareErrorCodes.ScriptNotFound), error.Message);
            Assert.False(string.IsNullOrEmpty(error.RayId));
        });
    }
}
