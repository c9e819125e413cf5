namespace Provisioning.Cloudflare.Budget;

/// <summary>What a store handed out.</summary>
/// <param name="Granted">Tokens taken; each lets one request go now.</param>
/// <param name="Tokens">Tokens left in the bucket after this take (for the <c>cloudflare.budget.tokens</c> gauge).</param>
/// <param name="RetryAfter">When fewer than asked were granted: how long until the next token may be had. Zero otherwise.</param>
public readonly record struct RequestBudgetGrant(int Granted, double Tokens, TimeSpan RetryAfter);
