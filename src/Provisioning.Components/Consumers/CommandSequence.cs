namespace Provisioning.Components.Consumers;

/// <summary>Arrival numbers for TenantCommands.Sequence: the receive time in ticks, strictly increasing per process.</summary>
public sealed class CommandSequence
{
    long _last;

    public long Next(DateTime receivedAt)
    {
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var next = Math.Max(receivedAt.Ticks, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return next;
            }
        }
    }
}
