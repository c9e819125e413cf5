namespace Provisioning.Cloudflare;

/// <summary>An R2 bucket.</summary>
public sealed record R2Bucket
{
    /// <summary>The bucket name, unique within the account and jurisdiction.</summary>
    public required string Name { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreationDate { get; init; }

    /// <summary>The location; Cloudflare returns it upper-case (<c>WEUR</c>).</summary>
    public string? Location { get; init; }

    /// <summary><c>Standard</c> or <c>InfrequentAccess</c>.</summary>
    public string? StorageClass { get; init; }

    /// <summary><c>default</c>, <c>eu</c> or <c>fedramp</c>.</summary>
    public string? Jurisdiction { get; init; }
}
