using System.Diagnostics.Metrics;

namespace Provisioning.Components;

/// <summary>The worker's own instruments (the Cloudflare client has its own Meter, "Provisioning.Cloudflare").</summary>
public sealed class ProvisioningMetrics : IDisposable
{
    public const string MeterName = "Provisioning";

    readonly Meter _meter = new(MeterName);
    readonly Counter<long> _commands;
    readonly Histogram<double> _stepDuration;

    public ProvisioningMetrics()
    {
        _commands = _meter.CreateCounter<long>("provisioning.commands", description: "Commands ended, by command type and outcome.");
        _stepDuration = _meter.CreateHistogram<double>("provisioning.step.duration", unit: "s", description: "Step durations, by step and outcome.");
    }

    internal Meter Meter => _meter;

    public void RecordCommand(string command, string outcome) =>
        _commands.Add(1, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordStep(string step, string outcome, TimeSpan duration) =>
        _stepDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("step", step), new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
