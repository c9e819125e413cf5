using System.Diagnostics.Metrics;

namespace Provisioning.Components.Tests.Steps;

/// <summary>Listens to provisioning.step.outage_waits and keeps each wait's reason.</summary>
public sealed class OutageWaits : IDisposable
{
    readonly MeterListener _listener = new();
    readonly List<string> _reasons = [];

    public OutageWaits(ProvisioningMetrics metrics)
    {
        // This instance's meter only: other specs run in parallel with meters of the same name.
        var meter = metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter && instrument.Name == "provisioning.step.outage_waits")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    lock (_reasons)
                    {
                        _reasons.Add((string)tag.Value!);
                    }
                }
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<string> Reasons
    {
        get
        {
            lock (_reasons)
            {
                return _reasons.ToList();
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
