using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class RateLimitTests
{
    private static readonly string KvList = $"{Account}/storage/kv/namespaces";

    [Fact]
    public async Task Should_send_the_rate_limit_headers_on_every_answer()
    {
        await using var emulator = await StartAsync(o => o.RateLimit = new RateLimitOptions { Requests = 5, WindowSeconds = 60 });

        var ok = await emulator.GetAsync(KvList);
        var error = await emulator.GetAsync($"{KvList}/0f2ac74b498b48028cb68387c421e279");

        Assert.Equal("\"default\";r=4;t=60", ok.Header("Ratelimit"));
        Assert.Equal("\"default\";q=5;w=60", ok.Header("Ratelimit-Policy"));
        Assert.Equal("5", ok.Header("x-ratelimit-limit"));
        Assert.Equal("4", ok.Header("x-ratelimit-remaining"));
        Assert.True(DateTimeOffset.TryParse(ok.Header("x-ratelimit-reset"), out _));
        Assert.StartsWith("\"default\";r=3;", error.AssertError(404, 10013).Header("Ratelimit"));
    }

    [Fact]
    public async Task Should_lock_the_token_out_once_the_budget_is_spent()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z"));
        await using var emulator = await StartAsync(
            o => o.RateLimit = new RateLimitOptions { Requests = 3, WindowSeconds = 10, LockoutEnabled = true, LockoutSeconds = 300 },
            time);

        for (var i = 0; i < 3; i++)
        {
            (await emulator.GetAsync(KvList)).AssertOk();
        }

        var limited = (await emulator.GetAsync(KvList)).AssertError(429, 10100);
        Assert.Equal("300", limited.Header("Retry-After"));
        Assert.Equal("\"default\";r=0;t=300", limited.Header("Ratelimit"));

        // The window is long over, but the lockout is not.
        time.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal("1", (await emulator.GetAsync(KvList)).AssertError(429, 10100).Header("Retry-After"));

        time.Advance(TimeSpan.FromSeconds(1));
        (await emulator.GetAsync(KvList)).AssertOk();

        var counters = await emulator.CountersAsync();
        Assert.Equal(6, counters["kv.list"].Total);
        Assert.Equal(2, counters["kv.list"].ByStatus["429"]);
    }

    [Fact]
    public async Task Should_refill_at_the_window_end_without_lockout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z"));
        await using var emulator = await StartAsync(
            o => o.RateLimit = new RateLimitOptions { Requests = 2, WindowSeconds = 10, LockoutEnabled = false },
            time);
        (await emulator.GetAsync(KvList)).AssertOk();
        time.Advance(TimeSpan.FromSeconds(4));
        (await emulator.GetAsync(KvList)).AssertOk();

        Assert.Equal("6", (await emulator.GetAsync(KvList)).AssertError(429, 10100).Header("Retry-After"));

        time.Advance(TimeSpan.FromSeconds(6));
        (await emulator.GetAsync(KvList)).AssertOk();
    }

    [Fact]
    public async Task Should_count_each_token_separately()
    {
        await using var emulator = await StartAsync(o =>
        {
            o.RateLimit = new RateLimitOptions { Requests = 1, WindowSeconds = 60 };
            o.Accounts = [new EmulatorAccount { AccountId = EmulatorDefaults.AccountId, Tokens = [EmulatorDefaults.ApiToken, "second-token"] }];
        });
        using var second = emulator.ClientFor("second-token");

        (await emulator.GetAsync(KvList)).AssertOk();
        (await emulator.GetAsync(KvList)).AssertError(429, 10100);
        (await emulator.GetAsync(KvList, second)).AssertOk();
    }

    [Fact]
    public async Task Should_change_the_budget_at_run_time()
    {
        await using var emulator = await StartAsync();

        using var put = await emulator.Admin.PutAsJsonAsync("ratelimit", new RateLimitOptions { Requests = 1, WindowSeconds = 30, LockoutEnabled = false });
        put.EnsureSuccessStatusCode();

        (await emulator.GetAsync(KvList)).AssertOk();
        Assert.Equal("30", (await emulator.GetAsync(KvList)).AssertError(429, 10100).Header("Retry-After"));
        using var reset = await emulator.Admin.PostAsync("reset", null);
        reset.EnsureSuccessStatusCode();
        (await emulator.GetAsync(KvList)).AssertOk();
    }
}
