namespace Provisioning.Cloudflare;

/// <summary>A request that waits for the account's request budget longer than <see cref="CloudflareBudgetWaits.Threshold"/>.</summary>
/// <param name="Since">When the request started waiting.</param>
/// <param name="Priority">The priority it waits at.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Route">The route template (ids left out), e.g. <c>accounts/{account_id}/storage/kv/namespaces</c>.</param>
public sealed record RequestBudgetWaitNotice(DateTimeOffset Since, RequestPriority Priority, string? Method, string Route);
