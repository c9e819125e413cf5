using System.Net;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

/// <summary>
/// An injected 429 must look like Cloudflare's: with <c>Retry-After</c> (docs/emulator.md, "on 429 Retry-After: seconds,
/// rounded up"). Without it the client falls back to the <c>Ratelimit</c> reset of the emulator's still-open 300 s
/// window, pauses the whole account budget for minutes, and the call times out instead of being retried.
/// </summary>
public sealed class InjectedRateLimitFaultTests
{
    [Fact]
    public async Task An_injected_429_carries_retry_after_and_the_client_retries_after_it()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.InjectFaultAsync(new FaultRequest { Operation = "kv.list", Status = 429, Code = 10100, Count = 1 });
        // Fails the test within seconds, not the client's three-minute total timeout, when the retry is not taken.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var listed = await Async.CollectAsync(emulator.Client.KvNamespaces.ListAsync(guard.Token));

        Assert.Empty(listed);
        var counters = (await emulator.CountersAsync())["kv.list"];
        Assert.Equal(1, counters.ByStatus["429"]);
        Assert.Equal(1, counters.ByStatus["200"]);
    }

    [Fact]
    public async Task The_fault_chooses_the_retry_after_of_its_answer()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.InjectFaultAsync(new FaultRequest { Operation = "kv.list", Status = 429, Code = 10100, RetryAfterSeconds = 7, Count = 1 });
        await emulator.InjectFaultAsync(new FaultRequest { Operation = "kv.get", Status = 503, Count = 1 });

        using var raw = new HttpClient { BaseAddress = emulator.Server.ApiBaseAddress };
        raw.DefaultRequestHeaders.Authorization = new("Bearer", Provisioning.CloudflareEmulator.EmulatorDefaults.ApiToken);
        using var limited = await raw.GetAsync($"accounts/{Provisioning.CloudflareEmulator.EmulatorDefaults.AccountId}/storage/kv/namespaces");
        using var unavailable = await raw.GetAsync($"accounts/{Provisioning.CloudflareEmulator.EmulatorDefaults.AccountId}/storage/kv/namespaces/0f2ac74b498b48028cb68387c421e279");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter?.Delta);
        // Other statuses get Retry-After only when the fault asks for one.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Null(unavailable.Headers.RetryAfter);
    }
}
