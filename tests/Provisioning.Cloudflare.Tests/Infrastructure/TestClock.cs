using Microsoft.Extensions.Time.Testing;

namespace Provisioning.Cloudflare.Tests.Infrastructure;

/// <summary>A fake clock that also tells the test when code starts waiting on it, so a test never races a timer.</summary>
public sealed class TestClock : FakeTimeProvider
{
    public static readonly DateTimeOffset StartTime = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private readonly List<TimeSpan> _timers = [];
    private readonly List<(Func<TimeSpan, bool> Match, int Count, TaskCompletionSource Signal)> _waiters = [];

    public TestClock()
        : base(StartTime)
    {
    }

    public TimeSpan Elapsed => GetUtcNow() - StartTime;

    public IReadOnlyList<TimeSpan> TimersCreated
    {
        get
        {
            lock (_timers)
            {
                return _timers.ToList();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Record(dueTime);

        // CancellationTokenSource(delay, provider) creates its timer disarmed and arms it with Change.
        return new RecordingTimer(timer, this);
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        lock (_timers)
        {
            _timers.Add(dueTime);
            foreach (var waiter in _waiters.Where(w => _timers.Count(w.Match) >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }

    private sealed class RecordingTimer(ITimer inner, TestClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Record(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>Completes once <paramref name="count"/> timers matching <paramref name="match"/> (by due time) exist.</summary>
    public Task WaitForTimersAsync(Func<TimeSpan, bool> match, int count = 1)
    {
        lock (_timers)
        {
            if (_timers.Count(match) >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
