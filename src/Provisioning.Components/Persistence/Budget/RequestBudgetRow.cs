namespace Provisioning.Components.Persistence.Budget;

/// <summary>
/// One Cloudflare account's request budget, shared by every replica on the database: a token bucket whose refill is
/// computed from <see cref="RefilledAt"/> inside each UPDATE, so no replica's memory or clock matters.
/// Written only by <see cref="PostgresRequestBudgetStore"/>'s SQL; mapped here so the migrations create the table.
/// </summary>
public sealed class RequestBudgetRow
{
    public string AccountId { get; set; } = "";

    /// <summary>Tokens in the bucket at <see cref="RefilledAt"/>.</summary>
    public double Tokens { get; set; }

    /// <summary>When <see cref="Tokens"/> was last brought up to date; in the future during a pause (nothing accrues then).</summary>
    public DateTime RefilledAt { get; set; }

    /// <summary>No replica sends before this: a 429's Retry-After, or Cloudflare's Ratelimit header saying nothing remains.</summary>
    public DateTime PausedUntil { get; set; }

    /// <summary>Foreground work is waiting somewhere in the fleet until then: background work leaves the reserve alone.</summary>
    public DateTime ForegroundWaitingUntil { get; set; }
}
