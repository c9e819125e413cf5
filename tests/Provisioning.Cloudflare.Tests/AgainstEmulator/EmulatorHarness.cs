using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.CloudflareEmulator;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

/// <summary>
/// The emulator on real Kestrel (127.0.0.1, a free port) plus hosts that wire the client exactly as the worker does:
/// <c>AddCloudflareClient(o => ...)</c> pointed at <see cref="EmulatorServer.ApiBaseAddress"/>, options validated at start.
/// </summary>
public sealed class EmulatorHarness : IAsyncDisposable
{
    public const string SecondAccountId = "9a7806061c88ada191ed06f989cc3dac";
    public const string SecondToken = "second-account-token";

    private static readonly JsonSerializerOptions AdminJson = new(JsonSerializerDefaults.Web);

    private readonly List<IHost> _hosts = [];

    private EmulatorHarness(EmulatorServer server)
    {
        Server = server;
        Admin = new HttpClient { BaseAddress = server.AdminBaseAddress };
    }

    public EmulatorServer Server { get; }

    /// <summary>Plain HTTP to the admin API (<c>/__emulator/</c>).</summary>
    public HttpClient Admin { get; }

    /// <summary>The client of the default account, built by <see cref="StartAsync"/>.</summary>
    public ICloudflareClient Client { get; private set; } = null!;

    /// <summary>Starts the emulator and a host for the development account with a budget far above what a test uses.</summary>
    public static async Task<EmulatorHarness> StartAsync(
        Action<EmulatorOptions>? configureEmulator = null,
        Action<CloudflareOptions>? configureClient = null)
    {
        var options = new EmulatorOptions();
        configureEmulator?.Invoke(options);
        var harness = new EmulatorHarness(await EmulatorServer.StartAsync(options));
        harness.Client = await harness.StartClientAsync(EmulatorDefaults.AccountId, EmulatorDefaults.ApiToken, configureClient);
        return harness;
    }

    /// <summary>A second host (its own service provider, so its own request budget) acting as <paramref name="accountId"/>.</summary>
    public async Task<ICloudflareClient> StartClientAsync(string accountId, string apiToken, Action<CloudflareOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddCloudflareClient(o =>
        {
            o.AccountId = accountId;
            o.ApiToken = apiToken;
            o.BaseAddress = Server.ApiBaseAddress;
            // Functional tests are not about the budget: give them room (the budget tests set their own numbers).
            o.RequestBudget = 100_000;
            o.RequestBudgetWindow = TimeSpan.FromMinutes(1);
            o.RequestBudgetBurst = 10_000;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(o);
        });
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        return host.Services.GetRequiredService<ICloudflareClient>();
    }

    public async Task<EmulatorState> StateAsync() =>
        (await Admin.GetFromJsonAsync<EmulatorState>("state", AdminJson))!;

    public async Task<AccountState> AccountAsync(string accountId = EmulatorDefaults.AccountId) =>
        (await StateAsync()).Accounts.Single(a => a.AccountId == accountId);

    public async Task<IReadOnlyDictionary<string, OperationCount>> CountersAsync() =>
        (await Admin.GetFromJsonAsync<Dictionary<string, OperationCount>>("counters", AdminJson))!;

    /// <summary>Calls of <paramref name="operation"/> answered with <paramref name="status"/> (null: all of them).</summary>
    public async Task<long> CallsAsync(string operation, int? status = null)
    {
        var counters = await CountersAsync();
        if (!counters.TryGetValue(operation, out var count))
        {
            return 0;
        }

        return status is null ? count.Total : count.ByStatus.GetValueOrDefault(status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Waits until the counters satisfy <paramref name="condition"/>. A call whose client gave up (timeout, dropped
    /// connection) is counted when the emulator notices, which may be after the client's retry has returned.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, OperationCount>> WaitForCountersAsync(Func<IReadOnlyDictionary<string, OperationCount>, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var counters = await CountersAsync();
            if (condition(counters) || timeout.IsCancellationRequested)
            {
                return counters;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), CancellationToken.None);
        }
    }

    public async Task<string> InjectFaultAsync(FaultRequest fault)
    {
        using var response = await Admin.PostAsJsonAsync("faults", fault, AdminJson);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<FaultCreated>(AdminJson))!.Id;
    }

    public async Task<IReadOnlyList<FaultState>> FaultsAsync() =>
        (await Admin.GetFromJsonAsync<List<FaultState>>("faults", AdminJson))!;

    public async Task ClearFaultsAsync()
    {
        using var response = await Admin.DeleteAsync("faults");
        response.EnsureSuccessStatusCode();
    }

    public async Task SetRateLimitAsync(RateLimitOptions policy)
    {
        using var response = await Admin.PutAsJsonAsync("ratelimit", policy, AdminJson);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Empties state, counters, faults and rate-limit buckets (the policy stays).</summary>
    public async Task ResetAsync()
    {
        using var response = await Admin.PostAsync("reset", content: null);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        Admin.Dispose();
        await Server.DisposeAsync();
    }
}
