using System.Net.Http.Json;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.Benchmarks;

/// <summary>Latency on every emulator call, as Cloudflare's round trips have: a fault with only <c>latencyMs</c> on every operation (POST /__emulator/faults).</summary>
internal static class EmulatorLatency
{
    public static async Task AddAsync(Uri adminBaseAddress, int latencyMs)
    {
        using var admin = new HttpClient { BaseAddress = adminBaseAddress };
        using var response = await admin.PostAsJsonAsync("faults", new FaultRequest { LatencyMs = latencyMs });
        response.EnsureSuccessStatusCode();
    }
}
