namespace Provisioning.Cloudflare.Budget;

/// <summary>A store's bucket as it is now, read without taking anything.</summary>
/// <param name="Tokens">Tokens in the bucket now, refill included (at most the burst).</param>
/// <param name="PausedUntil">When a pause (a 429's <c>Retry-After</c>, or <c>Ratelimit</c> saying nothing remains) ends; null when none is in force.</param>
public readonly record struct RequestBudgetReading(double Tokens, DateTimeOffset? PausedUntil);
