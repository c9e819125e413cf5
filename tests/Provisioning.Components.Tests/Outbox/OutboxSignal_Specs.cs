using Microsoft.Extensions.Time.Testing;
using Provisioning.Components.Outbox;

namespace Provisioning.Components.Tests.Outbox;

/// <summary>The relay's passes share one signal: a commit's wake must start one pass, and a wake while all are busy must not be lost.</summary>
public sealed class When_several_relay_passes_wait_for_a_commit
{
    static readonly TimeSpan Poll = TimeSpan.FromMinutes(1);
    readonly FakeTimeProvider _clock = new();
    readonly OutboxSignal _signal = new();

    [Fact]
    public async Task Should_wake_one_pass_per_wake()
    {
        var first = _signal.WaitAsync(Poll, _clock, CancellationToken.None);
        var second = _signal.WaitAsync(Poll, _clock, CancellationToken.None);

        _signal.Wake();
        var woken = await Task.WhenAny(first, second).WaitAsync(TimeSpan.FromSeconds(10));
        var other = woken == first ? second : first;
        await Task.Delay(200);

        Assert.False(other.IsCompleted);
        _signal.Wake();
        await other.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Should_keep_a_wake_that_arrives_while_no_pass_waits()
    {
        _signal.Wake();

        await _signal.WaitAsync(Poll, _clock, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Should_return_after_the_poll_interval_without_a_wake()
    {
        var waiting = _signal.WaitAsync(Poll, _clock, CancellationToken.None);

        _clock.Advance(Poll);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
