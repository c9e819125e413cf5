namespace Provisioning.Cloudflare;

/// <summary>A script in a dispatch namespace (<c>GET …/scripts/{script_name}</c>).</summary>
public sealed record DispatchNamespaceScript
{
    /// <summary>When the script was created.</summary>
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>When the script was last changed.</summary>
    public DateTimeOffset? ModifiedOn { get; init; }

    /// <summary>The dispatch namespace name.</summary>
    public string? DispatchNamespace { get; init; }

    /// <summary>The script.</summary>
    public WorkerScript? Script { get; init; }
}
