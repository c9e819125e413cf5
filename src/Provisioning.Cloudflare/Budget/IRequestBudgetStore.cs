namespace Provisioning.Cloudflare.Budget;

/// <summary>
/// Where an account's request budget lives: in this process (<c>InProcessRequestBudgetStore</c>, a single node) or in
/// something every replica shares (a database row), so the configured budget is the account's, not a replica's.
/// </summary>
/// <remarks>
/// Tokens are only ever taken for requests about to be sent, never held: a replica that dies holds nothing, so the
/// others lose none of the budget. Time is the store's own clock; callers deal in durations only.
/// </remarks>
public interface IRequestBudgetStore
{
    /// <summary>Takes up to <see cref="RequestBudgetTake.Count"/> tokens that are available now.</summary>
    /// <param name="take">What is asked for.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tokens granted and, when short, how long until the next one.</returns>
    ValueTask<RequestBudgetGrant> TakeAsync(RequestBudgetTake take, CancellationToken cancellationToken);

    /// <summary>
    /// Nothing may be sent for <paramref name="pause"/> (a 429's <c>Retry-After</c>, or <c>Ratelimit</c> saying nothing
    /// remains); when it ends exactly one token is there, the probe, and the refill starts again. A shorter pause than one in force changes nothing.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="limits">The bucket's shape.</param>
    /// <param name="pause">How long from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the pause is recorded.</returns>
    ValueTask PauseAsync(string accountId, RequestBudgetLimits limits, TimeSpan pause, CancellationToken cancellationToken);

    /// <summary>Cloudflare says only <paramref name="remaining"/> requests are left: the bucket never holds more.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="limits">The bucket's shape.</param>
    /// <param name="remaining">Requests left according to the <c>Ratelimit</c> header.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the bucket is capped.</returns>
    ValueTask LimitAsync(string accountId, RequestBudgetLimits limits, int remaining, CancellationToken cancellationToken);

    /// <summary>The bucket now, refill included, without taking anything; an account never seen reads as a full bucket.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="limits">The bucket's shape.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tokens and the pause in force, if any.</returns>
    ValueTask<RequestBudgetReading> ReadAsync(string accountId, RequestBudgetLimits limits, CancellationToken cancellationToken);
}
