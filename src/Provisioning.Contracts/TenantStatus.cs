namespace Provisioning.Contracts;

/// <summary>Answer to <see cref="GetTenantStatus"/>.</summary>
public sealed record TenantStatus
{
    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The saga state (for example <c>Provisioning</c>, <c>Active</c>, <c>CompensationFailed</c>).</summary>
    public string State { get; init; } = "";

    /// <summary>The dispatch namespace holding the tenant's script.</summary>
    public string? DispatchNamespace { get; init; }

    /// <summary>The tenant's script name.</summary>
    public string? ScriptName { get; init; }

    /// <summary>The command being carried out now, if any.</summary>
    public Guid? CurrentCommandId { get; init; }

    /// <summary>Type of the command being carried out now (for example <c>AttachBinding</c>).</summary>
    public string? CurrentOperation { get; init; }

    /// <summary>
    /// Since when (UTC) the running operation's current step has waited for the Cloudflare API budget, when it has waited
    /// longer than a second; null when it does not wait.
    /// </summary>
    public DateTime? BudgetWaitSince { get; init; }

    /// <summary>The priority of that wait: <c>Foreground</c> (work a customer waits for) or <c>Background</c>.</summary>
    public string? BudgetWaitPriority { get; init; }

    /// <summary>Why the last operation failed, if it did.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The bindings the tenant's script should have.</summary>
    public IReadOnlyList<TenantBindingInfo> Bindings { get; init; } = [];

    /// <summary>Resources the worker created or adopted for the tenant.</summary>
    public IReadOnlyList<ResourceInfo> Resources { get; init; } = [];

    /// <summary>The tenant's most recent commands, newest first.</summary>
    public IReadOnlyList<CommandInfo> RecentCommands { get; init; } = [];

    /// <summary>When the tenant was first seen (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the tenant's state last changed (UTC).</summary>
    public DateTime UpdatedAt { get; init; }
}
