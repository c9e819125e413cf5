namespace Provisioning.Cloudflare;

/// <summary>
/// Told when a Cloudflare request of the current async flow has waited longer than
/// <see cref="CloudflareBudgetWaits.Threshold"/> for the account's request budget, and when that wait ends: the client
/// knows nothing of tenants, its caller (a step) does and makes the wait visible. Shorter waits are pacing, not news, and
/// tell it nothing. Set for a flow with <see cref="CloudflareBudgetWaits.Observe"/>.
/// </summary>
/// <remarks>The request waits for the observer's calls: keep them short, and never throw (log and carry on).</remarks>
public interface IRequestBudgetWaitObserver
{
    /// <summary>The request has waited <see cref="CloudflareBudgetWaits.Threshold"/> and still waits.</summary>
    /// <param name="wait">Since when, at which priority, for which route.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the observer has noted the wait.</returns>
    ValueTask WaitStartedAsync(RequestBudgetWaitNotice wait, CancellationToken cancellationToken);

    /// <summary>The request noticed in <see cref="WaitStartedAsync"/> got its token, or was cancelled while waiting.</summary>
    /// <param name="wait">The same notice.</param>
    /// <param name="waited">How long it waited in all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the observer has noted the end.</returns>
    ValueTask WaitEndedAsync(RequestBudgetWaitNotice wait, TimeSpan waited, CancellationToken cancellationToken);
}
