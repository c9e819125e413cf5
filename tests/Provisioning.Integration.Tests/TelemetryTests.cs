using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>The worker's OpenTelemetry wiring exports the provisioning meter and HTTP client metrics.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TelemetryTests : IAsyncLifetime
{
    readonly string _database = Path.Combine(Path.GetTempPath(), $"wfp-telemetry-{Guid.NewGuid():N}.db");
    readonly List<Metric> _exported = [];
    WorkerHost _worker = null!;

    public async Task InitializeAsync() => _worker = await WorkerHost.StartAsync(
        new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={_database}", ["Cloudflare:Mode"] = "Emulator" },
        services => services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_exported)));

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    [Fact]
    public async Task Commands_steps_and_cloudflare_calls_are_measured()
    {
        var command = new ProvisionTenant
        {
            CommandId = NewId.NextGuid(),
            TenantId = "metered",
            Resources = [new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace }],
            Script = ProvisioningApp.Script("metered"),
        };
        await _worker.Bus.Publish(command);
        using var limit = new CancellationTokenSource(ProvisioningApp.WaitLimit);
        while (_worker.Outcomes.Find(command.CommandId) is null)
        {
            await Task.Delay(100, limit.Token);
        }

        Assert.True(_worker.Services.GetRequiredService<MeterProvider>().ForceFlush());

        var names = _exported.Select(m => m.Name).ToHashSet();
        Assert.Contains("provisioning.commands", names);
        Assert.Contains("provisioning.step.duration", names);
        // MassTransit's meter is not asserted: its instruments are process-wide statics shared with every host this
        // test process started before, so whether they report into this provider depends on test order.
        Assert.Contains(names, n => n.StartsWith("http.client.", StringComparison.Ordinal));
    }
}
