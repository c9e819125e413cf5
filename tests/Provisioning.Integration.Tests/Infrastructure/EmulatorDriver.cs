using System.Net.Http.Json;
using System.Text.Json;
using Provisioning.CloudflareEmulator;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>The Cloudflare emulator over HTTP, with its admin API as verbs.</summary>
public sealed class EmulatorDriver : IAsyncDisposable
{
    readonly EmulatorServer _server;
    readonly HttpClient _admin;

    EmulatorDriver(EmulatorServer server)
    {
        _server = server;
        _admin = new HttpClient { BaseAddress = server.AdminBaseAddress };
    }

    public Uri ApiBaseAddress => _server.ApiBaseAddress;

    public static async Task<EmulatorDriver> StartAsync() => new(await EmulatorServer.StartAsync(new EmulatorOptions()));

    /// <summary>The next <paramref name="count"/> calls of <paramref name="operation"/> (e.g. "scripts.upload") answer this error.</summary>
    public async Task FailNextAsync(string operation, int status, int code, string message, int count = 1)
    {
        using var response = await _admin.PostAsJsonAsync("faults", new FaultRequest
        {
            Operation = operation,
            Status = status,
            Code = code,
            Message = message,
            Count = count,
            Probability = 1.0,
        }, JsonSerializerOptions.Web);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="operation"/> succeed, but only after <paramref name="latencyMs"/>.</summary>
    public async Task DelayNextAsync(string operation, int latencyMs, int count = 1)
    {
        using var response = await _admin.PostAsJsonAsync("faults",
            new FaultRequest { Operation = operation, LatencyMs = latencyMs, Count = count, Probability = 1.0 }, JsonSerializerOptions.Web);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="operation"/> lose their connection: no answer, so no Cloudflare error code.</summary>
    public async Task DropNextAsync(string operation, int count = 1)
    {
        using var response = await _admin.PostAsJsonAsync("faults",
            new FaultRequest { Operation = operation, DropConnection = true, Count = count, Probability = 1.0 }, JsonSerializerOptions.Web);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync() => (await _admin.DeleteAsync("faults")).EnsureSuccessStatusCode();

    /// <summary>The development account's dispatch namespaces, scripts, KV namespaces, D1 databases and R2 buckets.</summary>
    public async Task<AccountState> GetAccountAsync()
    {
        var state = await _admin.GetFromJsonAsync<EmulatorState>("state", JsonSerializerOptions.Web);
        return state!.Accounts.Single(a => a.AccountId == EmulatorDefaults.AccountId);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }
}
