namespace Provisioning.Cloudflare.Http;

/// <summary>How long a request waited for its budget token, and whether the budget was empty meanwhile.</summary>
/// <param name="Duration">From asking to being granted, the store's round trip included.</param>
/// <param name="Delayed">The store had no token for it at least once: a wait for budget, not only a round trip.</param>
internal readonly record struct RequestBudgetWait(TimeSpan Duration, bool Delayed);
