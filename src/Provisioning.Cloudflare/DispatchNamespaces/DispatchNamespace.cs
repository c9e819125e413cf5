namespace Provisioning.Cloudflare;

/// <summary>A Workers for Platforms dispatch namespace.</summary>
public sealed record DispatchNamespace
{
    /// <summary>The namespace UUID.</summary>
    public string? NamespaceId { get; init; }

    /// <summary>The namespace name (used in every script route).</summary>
    public required string NamespaceName { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset? ModifiedOn { get; init; }

    /// <summary>Number of scripts in the namespace.</summary>
    public int? ScriptCount { get; init; }

    /// <summary>Whether scripts in the namespace are trusted (default false).</summary>
    public bool? TrustedWorkers { get; init; }
}
