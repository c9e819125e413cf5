using MassTransit;
using MassTransit.UsageTracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioning.Integration.Tests.Infrastructure;
using Provisioning.Worker.Messaging;

namespace Provisioning.Integration.Tests;

/// <summary>MassTransit's usage telemetry (a report to its vendor a while after start) is opt-in for this worker.</summary>
public sealed class UsageTelemetryTests
{
    // MassTransit reads this variable itself and lets it win over the options.
    const string MassTransitVariable = "MASSTRANSIT_USAGE_TELEMETRY";

    [Fact]
    public async Task Usage_telemetry_is_off_by_default()
    {
        await using var worker = await StartAsync(optIn: null);

        Assert.False(worker.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(MassTransitVariable)))
        {
            var tracker = Assert.IsType<UsageTracker>(worker.Services.GetRequiredService<IUsageTracker>());
            Assert.False(tracker.Enabled);
        }
    }

    [Fact]
    public async Task Usage_telemetry_is_on_only_when_the_setting_opts_in()
    {
        await using var worker = await StartAsync(optIn: "true");

        Assert.True(worker.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }

    static async Task<WorkerHost> StartAsync(string? optIn)
    {
        var folder = Directory.CreateTempSubdirectory("wfp-telemetry-").FullName;
        return await WorkerHost.StartAsync(new Dictionary<string, string?>
        {
            [MessagingExtensions.UsageTelemetrySetting] = optIn,
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "worker.db")}",
        }, contentRoot: folder);
    }
}
