namespace Provisioning.Contracts;

/// <summary>A Cloudflare resource the worker created, adopted, compensated or deleted for a tenant.</summary>
public sealed record ResourceInfo
{
    /// <summary><c>kv_namespace</c>, <c>d1</c> or <c>r2_bucket</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary>The deterministic Cloudflare name (KV title, D1 name, R2 bucket name).</summary>
    public string Name { get; init; } = "";

    /// <summary>The Cloudflare id (KV namespace id, D1 uuid); for R2 the bucket name. Null until known.</summary>
    public string? CloudflareId { get; init; }

    /// <summary>The binding it backs, when there is one.</summary>
    public string? BindingName { get; init; }

    /// <summary>Ledger state: <c>Creating</c>, <c>Created</c>, <c>Deleting</c> or <c>Deleted</c>.</summary>
    public string? State { get; init; }

    /// <summary>True when the resource already existed under its deterministic name and was adopted.</summary>
    public bool Adopted { get; init; }
}
