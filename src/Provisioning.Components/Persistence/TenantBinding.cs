namespace Provisioning.Components.Persistence;

/// <summary>The desired binding set of a tenant's script: every upload sends all of it.</summary>
public sealed class TenantBinding
{
    public string TenantId { get; set; } = "";

    public string Name { get; set; } = "";

    public string Type { get; set; } = "";

    /// <summary>The binding as JSON, never with a secret value (secrets stay in Cloudflare and are inherited).</summary>
    public string DefinitionJson { get; set; } = "";

    /// <summary>The ledger row behind a KV, D1 or R2 binding.</summary>
    public Guid? OwnedResourceId { get; set; }

    public Guid CreatedByCommandId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
