namespace Provisioning.Cloudflare;

/// <summary>A Workers KV namespace.</summary>
public sealed record KvNamespace
{
    /// <summary>The namespace id (32 hex).</summary>
    public required string Id { get; init; }

    /// <summary>The title, unique within the account.</summary>
    public required string Title { get; init; }

    /// <summary>Whether keys may be URL-encoded in routes.</summary>
    public bool? SupportsUrlEncoding { get; init; }
}
