using System.Net.Http.Json;
using System.Text.Json;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.Benchmarks;

/// <summary>The emulator's per-operation call counters (GET /__emulator/counters), which count every attempt, 429s included.</summary>
internal sealed class EmulatorCounters(Uri adminBaseAddress) : IDisposable
{
    readonly HttpClient _admin = new() { BaseAddress = adminBaseAddress };

    public async Task<IReadOnlyDictionary<string, OperationCount>> ReadAsync() =>
        await _admin.GetFromJsonAsync<Dictionary<string, OperationCount>>("counters", JsonSerializerOptions.Web) ?? [];

    public static IReadOnlyDictionary<string, long> Difference(IReadOnlyDictionary<string, OperationCount> before, IReadOnlyDictionary<string, OperationCount> after) =>
        after.Select(a => (a.Key, Calls: a.Value.Total - (before.TryGetValue(a.Key, out var b) ? b.Total : 0)))
            .Where(x => x.Calls > 0)
            .ToDictionary(x => x.Key, x => x.Calls);

    public static long RateLimited(IReadOnlyDictionary<string, OperationCount> counts) =>
        counts.Values.Sum(c => c.ByStatus.TryGetValue("429", out var n) ? n : 0);

    public void Dispose() => _admin.Dispose();
}
