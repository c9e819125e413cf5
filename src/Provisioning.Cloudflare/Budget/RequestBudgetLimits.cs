namespace Provisioning.Cloudflare.Budget;

/// <summary>
/// A token bucket's shape: at most <see cref="Capacity"/> tokens, refilled by one every <see cref="TicksPerToken"/>.
/// With capacity B and a refill of (budget - B) per window, no window sees more than the budget.
/// </summary>
/// <param name="Capacity">Tokens the bucket holds when full: the requests that may go out at once after a quiet period.</param>
/// <param name="TicksPerToken">Refill speed as ticks per token, so slot times are exact multiples rather than rounded rates.</param>
public sealed record RequestBudgetLimits(double Capacity, double TicksPerToken)
{
    /// <summary>The bucket for <paramref name="budget"/> requests per <paramref name="window"/> with a burst of <paramref name="burst"/>.</summary>
    /// <param name="budget">Requests per window.</param>
    /// <param name="window">The window.</param>
    /// <param name="burst">The capacity; less than <paramref name="budget"/>.</param>
    /// <returns>The limits.</returns>
    public static RequestBudgetLimits For(int budget, TimeSpan window, int burst) => new(burst, (double)window.Ticks / (budget - burst));

    /// <summary>The refill rate in tokens per second.</summary>
    public double TokensPerSecond => TimeSpan.TicksPerSecond / TicksPerToken;

    /// <summary>The time <paramref name="tokens"/> take to refill, rounded up to a whole tick.</summary>
    /// <param name="tokens">Tokens still missing.</param>
    /// <returns>The time; zero when nothing is missing.</returns>
    public TimeSpan TimeFor(double tokens) =>
        tokens <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(tokens * TicksPerToken)));
}
