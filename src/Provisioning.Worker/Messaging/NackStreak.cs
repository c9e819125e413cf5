namespace Provisioning.Worker.Messaging;

/// <summary>
/// The publisher confirmations of one channel: <see cref="Nacked"/> answers <c>true</c> once, when the nacks since the
/// last ack reach the limit. An ack ends a streak; a channel is given up at most once.
/// </summary>
internal sealed class NackStreak
{
    readonly int _limit;
    readonly Lock _lock = new();
    int _nacks;
    bool _givenUp;

    public NackStreak(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _limit = limit;
    }

    /// <summary>Nacks since the last ack.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _nacks;
            }
        }
    }

    public void Acked()
    {
        lock (_lock)
        {
            _nacks = 0;
        }
    }

    /// <summary>Counts a nack; <c>true</c> the first time the streak reaches the limit: the channel should be replaced.</summary>
    public bool Nacked()
    {
        lock (_lock)
        {
            _nacks++;
            if (_givenUp || _nacks < _limit)
            {
                return false;
            }

            _givenUp = true;
            return true;
        }
    }
}
