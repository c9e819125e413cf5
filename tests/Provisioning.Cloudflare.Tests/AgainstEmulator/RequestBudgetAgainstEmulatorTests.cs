using System.Net;
using System.Net.Http.Headers;
using Provisioning.CloudflareEmulator;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

/// <summary>
/// The account budget against the emulator's Cloudflare-style limiter (fixed window per token, 5-minute-style
/// lockout). Assertions are on the emulator's counters, never on elapsed time.
/// </summary>
public sealed class RequestBudgetAgainstEmulatorTests
{
    private const int Budget = 10;
    private const int WindowSeconds = 5;
    private const int Burst = 40;

    private static readonly RateLimitOptions SmallBudgetWithLockout = new()
    {
        Enabled = true,
        Requests = Budget,
        WindowSeconds = WindowSeconds,
        LockoutEnabled = true,
        // Longer than the client's MaxRetryAfter (60 s): a locked-out call fails instead of waiting.
        LockoutSeconds = 120,
    };

    [Fact]
    public async Task A_burst_four_times_the_budget_completes_without_a_single_429()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        // Warm both sides' code paths before the limit applies, so the first paced calls are not late (PUT ratelimit clears the buckets).
        await Async.CollectAsync(emulator.Client.KvNamespaces.ListAsync(CancellationToken.None));
        await emulator.SetRateLimitAsync(SmallBudgetWithLockout);
        await emulator.ResetAsync();
        var client = await emulator.StartClientAsync(EmulatorDefaults.AccountId, EmulatorDefaults.ApiToken, o =>
        {
            o.RequestBudget = Budget;
            o.RequestBudgetWindow = TimeSpan.FromSeconds(WindowSeconds);
            o.RequestBudgetBurst = null;
        });
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var results = await Task.WhenAll(Enumerable.Range(0, Burst)
            .Select(_ => Async.CollectAsync(client.KvNamespaces.ListAsync(guard.Token))));

        Assert.Equal(Burst, results.Length);
        var counters = await emulator.CountersAsync();
        Assert.Equal(Burst, counters["kv.list"].Total);
        Assert.Equal(Burst, counters["kv.list"].ByStatus["200"]);
        Assert.False(counters["kv.list"].ByStatus.ContainsKey("429"), "the client earned a 429");
        // And the token is not locked out: one more call goes through.
        Assert.Empty(await Async.CollectAsync(client.KvNamespaces.ListAsync(guard.Token)));
    }

    [Fact]
    public async Task A_client_whose_budget_exceeds_the_emulators_earns_429s_and_the_lockout()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.SetRateLimitAsync(SmallBudgetWithLockout);
        var client = await emulator.StartClientAsync(EmulatorDefaults.AccountId, EmulatorDefaults.ApiToken, o =>
        {
            o.RequestBudget = 100 * Budget;
            o.RequestBudgetWindow = TimeSpan.FromSeconds(WindowSeconds);
            o.RequestBudgetBurst = 2 * Burst;
        });
        // The client also follows the emulator's Ratelimit-Policy and Ratelimit headers, so once answers come back it
        // throttles itself even with a budget too large. Slow answers keep the whole burst in flight before the first
        // one arrives, so the emulator sees more than its budget. (Faults act after the limiter: refusals stay fast.)
        await emulator.InjectFaultAsync(new FaultRequest { Operation = "kv.list", LatencyMs = 2_000 });
        // A call still waiting for the budget when the first 429 drains it would wait out the lockout: cancel it.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Burst).Select(async _ =>
        {
            try
            {
                await Async.CollectAsync(client.KvNamespaces.ListAsync(guard.Token));
                return (HttpStatusCode?)HttpStatusCode.OK;
            }
            catch (CloudflareApiException ex)
            {
                return ex.StatusCode;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }));

        var counters = (await emulator.CountersAsync())["kv.list"];
        Assert.True(counters.ByStatus.GetValueOrDefault("429") > 0, "expected the emulator to refuse part of the burst");
        Assert.True(counters.ByStatus.GetValueOrDefault("200") <= Budget);
        Assert.Contains(HttpStatusCode.TooManyRequests, outcomes.OfType<HttpStatusCode>());

        // Locked out, not merely at the end of a window: Retry-After is the lockout, longer than the window.
        using var raw = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Server.ApiBaseAddress, $"accounts/{EmulatorDefaults.AccountId}/storage/kv/namespaces"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorDefaults.ApiToken);
        using var response = await raw.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.FromSeconds(WindowSeconds), $"Retry-After {response.Headers.RetryAfter}");
    }
}
