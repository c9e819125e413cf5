using System.Diagnostics.Metrics;

namespace Provisioning.Components;

/// <summary>The worker's own instruments (the Cloudflare client has its own Meter, "Provisioning.Cloudflare").</summary>
public sealed class ProvisioningMetrics : IDisposable
{
    public const string MeterName = "Provisioning";

    readonly Meter _meter = new(MeterName);
    readonly Counter<long> _commands;
    readonly Histogram<double> _stepDuration;
    readonly Counter<long> _outageWaits;

    readonly Histogram<double> _outboxDispatchLatency;
    long _outboxPending;

    public ProvisioningMetrics()
    {
        _commands = _meter.CreateCounter<long>("provisioning.commands", description: "Commands ended, by command type and outcome.");
        _stepDuration = _meter.CreateHistogram<double>("provisioning.step.duration", unit: "s", description: "Step durations, by step and outcome.");
        _outageWaits = _meter.CreateCounter<long>("provisioning.step.outage_waits",
            description: "Waits of a step for Cloudflare to come back (open circuit, 5xx, no response, 429), by step and reason.");

        _outboxDispatchLatency = _meter.CreateHistogram<double>("provisioning.outbox.dispatch.latency", unit: "s",
            description: "Time from the commit that wrote an outbox message to its publish.");
        _meter.CreateObservableGauge("provisioning.outbox.pending", () => Interlocked.Read(ref _outboxPending),
            description: "Outbox messages not yet published, as the relay last counted them.");
    }

    internal Meter Meter => _meter;

    public void RecordCommand(string command, string outcome) =>
        _commands.Add(1, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordStep(string step, string outcome, TimeSpan duration) =>
        _stepDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("step", step), new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordOutageWait(string step, string reason) =>
        _outageWaits.Add(1, new KeyValuePair<string, object?>("step", step), new KeyValuePair<string, object?>("reason", reason));

    public void RecordOutboxDispatch(TimeSpan latency) => _outboxDispatchLatency.Record(Math.Max(0, latency.TotalSeconds));

    public void SetOutboxPending(long count) => Interlocked.Exchange(ref _outboxPending, count);

    public void Dispose() => _meter.Dispose();
}
