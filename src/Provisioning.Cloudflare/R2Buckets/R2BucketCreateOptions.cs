namespace Provisioning.Cloudflare;

/// <summary>Optional settings for creating an R2 bucket.</summary>
public sealed record R2BucketCreateOptions
{
    /// <summary>Location hint: <c>apac</c>, <c>eeur</c>, <c>enam</c>, <c>weur</c>, <c>wnam</c> or <c>oc</c>.</summary>
    public string? LocationHint { get; init; }

    /// <summary>Jurisdiction (<c>eu</c>, <c>fedramp</c>); sent as the <c>cf-r2-jurisdiction</c> header, and needed again to find the bucket.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary><c>Standard</c> or <c>InfrequentAccess</c>.</summary>
    public string? StorageClass { get; init; }
}
