namespace Provisioning.Components.Persistence;

/// <summary>The ownership ledger: one row per Cloudflare resource the worker created or adopted for a tenant.</summary>
public sealed class OwnedResource
{
    public Guid Id { get; set; }

    public string TenantId { get; set; } = "";

    /// <summary><c>kv_namespace</c>, <c>d1</c> or <c>r2_bucket</c>.</summary>
    public string ResourceType { get; set; } = "";

    /// <summary>The deterministic Cloudflare name (unique per type), used to adopt after a crash.</summary>
    public string Name { get; set; } = "";

    /// <summary>The binding this resource was created for.</summary>
    public string? BindingName { get; set; }

    /// <summary>KV namespace id or D1 uuid; the bucket name for R2. Null until the create call answered.</summary>
    public string? CloudflareId { get; set; }

    public string? Jurisdiction { get; set; }

    public string? LocationHint { get; set; }

    public OwnedResourceState State { get; set; }

    public Guid CreatedByCommandId { get; set; }

    /// <summary>True when the resource already existed under its name; compensation never deletes an adopted resource.</summary>
    public bool Adopted { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DeletedAt { get; set; }

    public Contracts.ResourceInfo ToInfo() => new()
    {
        Type = ResourceType, Name = Name, CloudflareId = CloudflareId, BindingName = BindingName, State = State.ToString(), Adopted = Adopted,
    };
}
