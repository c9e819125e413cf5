namespace Provisioning.Contracts;

/// <summary>
/// Creates a tenant: its resources, then its User Worker in the dispatch namespace with every binding.
/// Answered by <see cref="TenantProvisioned"/>, <see cref="TenantProvisioningFailed"/> or <see cref="CommandRejected"/>.
/// </summary>
public sealed record ProvisionTenant : ITenantCommand
{
    /// <summary>Chosen by the sender; a repeated id has no second effect and re-publishes the outcome.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id (<see cref="TenantIds"/>).</summary>
    public string TenantId { get; init; } = "";

    /// <summary>Dispatch namespace to deploy into; null uses the worker's configured default. Created if missing.</summary>
    public string? DispatchNamespace { get; init; }

    /// <summary>Script name in the dispatch namespace; null derives it from the tenant id.</summary>
    public string? ScriptName { get; init; }

    /// <summary>Resources to create and bind (KV, D1, R2).</summary>
    public IReadOnlyList<ResourceSpec> Resources { get; init; } = [];

    /// <summary>Bindings that need no resource (variables, secrets, services, queues, ...).</summary>
    public IReadOnlyList<BindingSpec> Bindings { get; init; } = [];

    /// <summary>The initial code.</summary>
    public ScriptSpec Script { get; init; } = new();

    /// <summary>Script tags (for filtering in the dispatch namespace).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
