namespace Provisioning.Contracts;

/// <summary>The Cloudflare account's API budget as it stands now, part of <see cref="TenantList"/>.</summary>
public sealed record FleetBudget
{
    /// <summary>Configured requests per window (<c>Cloudflare:RequestBudget</c>).</summary>
    public int RequestBudget { get; init; }

    /// <summary>The window the budget applies to (<c>Cloudflare:RequestBudgetWindow</c>).</summary>
    public TimeSpan RequestBudgetWindow { get; init; }

    /// <summary>Tokens the bucket holds when full: the requests that may go out at once after a quiet period.</summary>
    public int Burst { get; init; }

    /// <summary>Tokens left now, refill included; each lets one request go.</summary>
    public double TokensLeft { get; init; }

    /// <summary>True when the budget is the PostgreSQL row every replica shares; false for one node's in-process budget (SQLite).</summary>
    public bool Shared { get; init; }

    /// <summary>Until when (UTC) no request is sent because Cloudflare answered 429 (or said nothing remains); null when not paused.</summary>
    public DateTime? PausedUntil { get; init; }

    /// <summary>Tenants whose running operation's step waits for the budget now (past a second).</summary>
    public int TenantsWaiting { get; init; }
}
