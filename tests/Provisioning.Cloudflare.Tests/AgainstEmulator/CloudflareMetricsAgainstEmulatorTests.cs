using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.CloudflareEmulator;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

/// <summary>Every attempt, retries included, is counted by route and status on the "Provisioning.Cloudflare" meter.</summary>
public sealed class CloudflareMetricsAgainstEmulatorTests
{
    [Fact]
    public async Task Counts_each_attempt_by_route_and_status()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCloudflareClient(o =>
        {
            o.AccountId = EmulatorDefaults.AccountId;
            o.ApiToken = EmulatorDefaults.ApiToken;
            o.BaseAddress = emulator.Server.ApiBaseAddress;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        });
        await using var provider = services.BuildServiceProvider();
        var meterFactory = provider.GetRequiredService<IMeterFactory>();

        // The listener is process-wide and tests run in parallel: only this provider's meter is heard.
        var points = new ConcurrentQueue<(string Route, int Status)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CloudflareMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory)
                && instrument.Name == "cloudflare.requests")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? route = null;
            int? status = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "cloudflare.route") route = tag.Value as string;
                if (tag.Key == "http.response.status_code") status = tag.Value as int?;
            }

            points.Enqueue((route!, status!.Value));
        });
        listener.Start();

        await emulator.InjectFaultAsync(new FaultRequest { Operation = "kv.create", Status = 500, Code = 10002, Count = 1 });
        var client = provider.GetRequiredService<ICloudflareClient>();
        await client.KvNamespaces.CreateAsync("metrics-probe", CancellationToken.None);
        await Assert.ThrowsAsync<CloudflareApiException>(() => client.D1Databases.GetAsync("no-such-database", CancellationToken.None));

        var kv = points.Where(p => p.Route.Contains("storage/kv/namespaces", StringComparison.Ordinal)).Select(p => p.Status).Order().ToArray();
        Assert.Equal([200, 500], kv);
        var d1 = points.Where(p => p.Route.Contains("d1/database", StringComparison.Ordinal)).Select(p => p.Status).ToArray();
        Assert.Equal([404], d1);
        Assert.DoesNotContain(points, p => p.Route.Contains("metrics-probe", StringComparison.Ordinal) || p.Route.Contains("no-such-database", StringComparison.Ordinal));
    }
}
