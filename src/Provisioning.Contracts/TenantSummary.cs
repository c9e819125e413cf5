namespace Provisioning.Contracts;

/// <summary>One line of <see cref="TenantList"/>.</summary>
public sealed record TenantSummary
{
    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The saga state.</summary>
    public string State { get; init; } = "";

    /// <summary>The dispatch namespace holding the tenant's script.</summary>
    public string? DispatchNamespace { get; init; }

    /// <summary>The tenant's script name.</summary>
    public string? ScriptName { get; init; }

    /// <summary>When the tenant's state last changed (UTC).</summary>
    public DateTime UpdatedAt { get; init; }

    /// <summary>Since when (UTC) the running operation's step has waited for the Cloudflare API budget, past a second; null when it does not wait.</summary>
    public DateTime? BudgetWaitSince { get; init; }

    /// <summary>Cloudflare's error code of the tenant's last failed operation, until its next command starts.</summary>
    public int? FailureCode { get; init; }

    /// <summary>Why the last operation failed (and its compensation, if that failed too), until the next command starts.</summary>
    public string? FailureReason { get; init; }
}
