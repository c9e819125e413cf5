using System.Net;
using Provisioning.CloudflareEmulator;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

/// <summary>The client's retries against faults injected through the emulator's admin API; proven by the emulator's counters.</summary>
public sealed class FaultInjectionAgainstEmulatorTests
{
    private const string Namespace = "wfp-tenants";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Two_injected_500s_are_retried_and_the_upload_lands_on_the_third_call()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.Client.DispatchNamespaces.CreateAsync(Namespace, None);
        await emulator.InjectFaultAsync(new FaultRequest { Operation = "scripts.upload", Status = 500, Code = 10002, Count = 2 });

        var uploaded = await emulator.Client.Scripts.UploadAsync(Namespace, "tenant-1", Modules.Minimal(), None);

        var counters = (await emulator.CountersAsync())["scripts.upload"];
        Assert.Equal(3, counters.Total);
        Assert.Equal(2, counters.ByStatus["500"]);
        Assert.Equal(1, counters.ByStatus["200"]);
        // The multipart body was sent again intact on the retry.
        var stored = Assert.Single((await emulator.AccountAsync()).Scripts);
        Assert.Equal(uploaded.DeploymentId, stored.DeploymentId);
        Assert.Equal(Modules.Sha256Hex(Modules.IndexSource), stored.ContentSha256);
    }

    [Fact]
    public async Task A_429_with_retry_after_is_honoured_and_the_call_succeeds()
    {
        // The emulator's own limiter sends the Retry-After: two calls per 2 s window, no lockout.
        await using var emulator = await EmulatorHarness.StartAsync(o => o.RateLimit = new RateLimitOptions
        {
            Requests = 2,
            WindowSeconds = 2,
            LockoutEnabled = false,
        });
        var client = await emulator.StartClientAsync(EmulatorDefaults.AccountId, EmulatorDefaults.ApiToken, o =>
        {
            // Back-off alone would retry within the window and fail every attempt; only waiting Retry-After succeeds.
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        });

        // Sent together (the budget lets all three out at once), so the third lands in the first window. Slow answers
        // keep all three in flight: the client would otherwise narrow its budget from the first answer's headers.
        await emulator.InjectFaultAsync(new FaultRequest { Operation = "kv.list", LatencyMs = 1_000 });
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Async.CollectAsync(client.KvNamespaces.ListAsync(None))));

        Assert.Equal(3, results.Length);
        var counters = (await emulator.CountersAsync())["kv.list"];
        Assert.Equal(1, counters.ByStatus["429"]);
        Assert.Equal(3, counters.ByStatus["200"]);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_and_creates_the_namespace_once()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.InjectFaultAsync(new FaultRequest { Operation = "kv.create", DropConnection = true, Count = 1 });

        var created = await emulator.Client.KvNamespaces.CreateAsync("tenant-1-cache", None);

        Assert.Equal([(created.Id, "tenant-1-cache")], (await emulator.AccountAsync()).KvNamespaces.Select(k => (k.Id, k.Title)));
        var counters = (await emulator.WaitForCountersAsync(c => c.TryGetValue("kv.create", out var n) && n.Total == 2))["kv.create"];
        Assert.Equal(1, counters.ByStatus["0"]);
        Assert.Equal(1, counters.ByStatus["200"]);
    }

    [Fact]
    public async Task A_persistent_400_is_not_retried()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.InjectFaultAsync(new FaultRequest { Operation = "d1.create", Status = 400, Code = 7400, Message = "Invalid property: name" });

        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => emulator.Client.D1Databases.CreateAsync("tenant-1-db", null, None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.True(error.HasErrorCode(7400));
        Assert.False(error.IsTransient);
        Assert.Equal(1, await emulator.CallsAsync("d1.create"));
        Assert.Empty((await emulator.AccountAsync()).D1Databases);
    }

    [Fact]
    public async Task An_attempt_slower_than_the_timeout_is_abandoned_and_the_retry_succeeds()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var database = await emulator.Client.D1Databases.CreateAsync("tenant-1-db", null, None);
        var client = await emulator.StartClientAsync(EmulatorDefaults.AccountId, EmulatorDefaults.ApiToken, o => o.Timeout = TimeSpan.FromSeconds(1));
        await emulator.InjectFaultAsync(new FaultRequest { Operation = "d1.get", LatencyMs = 20_000, Count = 1 });

        var fetched = await client.D1Databases.GetAsync(database.Uuid, None);

        Assert.Equal(database.Uuid, fetched.Uuid);
        Assert.Empty(await emulator.FaultsAsync());
        // The abandoned attempt is counted once the emulator notices the client went away. (At least two: on a loaded
        // machine an unfaulted attempt may exceed the short timeout as well.)
        var counters = (await emulator.WaitForCountersAsync(c => c.TryGetValue("d1.get", out var n) && n.Total >= 2))["d1.get"];
        Assert.True(counters.Total >= 2, $"{counters.Total} calls");
        Assert.True(counters.ByStatus.GetValueOrDefault("200") >= 1);
    }

    [Fact]
    public async Task Faults_that_outlast_the_retries_surface_as_transient_errors()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.InjectFaultAsync(new FaultRequest { Operation = "r2.create", Status = 503, Code = 10002 });

        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => emulator.Client.R2Buckets.CreateAsync("tenant-1-files", null, None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.IsTransient);
        // The first attempt and the three default retries.
        Assert.Equal(4, await emulator.CallsAsync("r2.create", 503));
    }
}
