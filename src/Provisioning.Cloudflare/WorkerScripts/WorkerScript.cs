namespace Provisioning.Cloudflare;

/// <summary>A script version as Cloudflare describes it after an upload (and inside <see cref="DispatchNamespaceScript"/>).</summary>
public sealed record WorkerScript
{
    /// <summary>The script name.</summary>
    public string? Id { get; init; }

    /// <summary>Cloudflare's immutable script id.</summary>
    public string? Tag { get; init; }

    /// <summary>Hash of the script content.</summary>
    public string? Etag { get; init; }

    /// <summary>When the script was created.</summary>
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>When the script was last changed.</summary>
    public DateTimeOffset? ModifiedOn { get; init; }

    /// <summary>The compatibility date in effect.</summary>
    public string? CompatibilityDate { get; init; }

    /// <summary>The compatibility flags in effect.</summary>
    public IReadOnlyList<string>? CompatibilityFlags { get; init; }

    /// <summary>Exported handlers, e.g. <c>fetch</c>.</summary>
    public IReadOnlyList<string>? Handlers { get; init; }

    /// <summary>Whether the script is in module syntax.</summary>
    public bool? HasModules { get; init; }

    /// <summary>Script tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Usage model.</summary>
    public string? UsageModel { get; init; }

    /// <summary>Measured startup time.</summary>
    public int? StartupTimeMs { get; init; }

    /// <summary>The version id of this deployment (wrangler's "Current Version ID").</summary>
    public string? DeploymentId { get; init; }
}
