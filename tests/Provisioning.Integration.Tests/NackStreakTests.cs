using Provisioning.Worker.Messaging;

namespace Provisioning.Integration.Tests;

/// <summary>When a channel's publisher nacks mean the channel should be replaced (RabbitMq:ChannelNackLimit).</summary>
public sealed class NackStreakTests
{
    [Fact]
    public void The_limit_of_nacks_in_a_row_gives_the_channel_up_once()
    {
        var streak = new NackStreak(3);

        Assert.False(streak.Nacked());
        Assert.False(streak.Nacked());
        Assert.True(streak.Nacked());
        Assert.Equal(3, streak.Count);
        // Already given up: its close is under way.
        Assert.False(streak.Nacked());
    }

    [Fact]
    public void An_ack_between_nacks_starts_the_count_again()
    {
        var streak = new NackStreak(2);

        Assert.False(streak.Nacked());
        streak.Acked();
        Assert.Equal(0, streak.Count);
        Assert.False(streak.Nacked());
        Assert.True(streak.Nacked());
    }

    [Fact]
    public void A_limit_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NackStreak(0));
    }
}
