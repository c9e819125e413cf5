using System.Net.Http.Json;
using System.Text.Json;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.Components.Tests.StateMachines;

/// <summary>The emulator's admin API (/__emulator/): state, counters and fault injection, over real HTTP.</summary>
public sealed class EmulatorAdmin(Uri adminBaseAddress) : IDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly HttpClient _http = new() { BaseAddress = adminBaseAddress };

    public async Task<AccountState> AccountAsync() =>
        (await _http.GetFromJsonAsync<EmulatorState>("state", Json))!.Accounts.Single();

    public async Task<long> CountAsync(string operation)
    {
        var counters = await _http.GetFromJsonAsync<Dictionary<string, OperationCount>>("counters", Json);
        return counters!.TryGetValue(operation, out var count) ? count.Total : 0;
    }

    /// <summary>Calls of every operation answered with <paramref name="status"/> ("0" = connection dropped by a fault).</summary>
    public async Task<long> CountStatusAsync(string status)
    {
        var counters = await _http.GetFromJsonAsync<Dictionary<string, OperationCount>>("counters", Json);
        return counters!.Values.Sum(x => x.ByStatus.GetValueOrDefault(status));
    }

    public Task<string> FailAsync(string operation, int status, int code = 10002, int? count = 1, string? message = null) =>
        FaultAsync(new FaultRequest { Operation = operation, Status = status, Code = code, Count = count, Message = message });

    /// <summary>Every Cloudflare call fails (503, or a dropped connection) until the returned fault is removed.</summary>
    public Task<string> OutageAsync(bool dropConnection = false) =>
        FaultAsync(new FaultRequest { Status = dropConnection ? null : 503, DropConnection = dropConnection, Message = "injected outage" });

    public async Task<string> FaultAsync(FaultRequest fault)
    {
        var response = await _http.PostAsJsonAsync("faults", fault, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<FaultCreated>(Json))!.Id;
    }

    /// <summary>The next <paramref name="operation"/> succeeds, <paramref name="latencyMs"/> late.</summary>
    public async Task DelayAsync(string operation, int latencyMs) =>
        (await _http.PostAsJsonAsync("faults", new FaultRequest { Operation = operation, LatencyMs = latencyMs, Count = 1 }, Json)).EnsureSuccessStatusCode();

    /// <summary>The <c>text</c> the emulator stored for secret <paramref name="name"/> of <paramref name="script"/>.</summary>
    public async Task<string?> SecretAsync(string script, string name) =>
        (await AccountAsync()).Scripts.Single(s => s.Name == script).Bindings
            .Single(b => (string?)b["name"] == name && (string?)b["type"] == "secret_text")["text"]?.GetValue<string>();

    public async Task RemoveFaultAsync(string id) => (await _http.DeleteAsync($"faults/{id}")).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync() => (await _http.DeleteAsync("faults")).EnsureSuccessStatusCode();

    public void Dispose() => _http.Dispose();
}
