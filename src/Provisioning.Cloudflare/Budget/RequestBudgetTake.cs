namespace Provisioning.Cloudflare.Budget;

/// <summary>A request for up to <see cref="Count"/> tokens of an account's budget, for callers waiting now.</summary>
/// <param name="AccountId">The Cloudflare account the budget belongs to.</param>
/// <param name="Limits">The bucket's shape as this replica knows it (configuration, tightened by Cloudflare's policy header).</param>
/// <param name="Count">Callers waiting; the store grants between 0 and this many.</param>
/// <param name="Priority">
/// Background takes leave <see cref="Reserve"/> tokens in the bucket while foreground work waits anywhere in the fleet;
/// a foreground take that is not fully served marks the fleet as having foreground work waiting.
/// </param>
/// <param name="Reserve">Tokens background work leaves for foreground work that is waiting.</param>
public sealed record RequestBudgetTake(string AccountId, RequestBudgetLimits Limits, int Count, RequestPriority Priority, double Reserve);
