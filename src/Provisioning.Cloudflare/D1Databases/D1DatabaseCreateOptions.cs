namespace Provisioning.Cloudflare;

/// <summary>Optional settings for creating a D1 database.</summary>
public sealed record D1DatabaseCreateOptions
{
    /// <summary>Region of the primary: <c>wnam</c>, <c>enam</c>, <c>weur</c>, <c>eeur</c>, <c>apac</c> or <c>oc</c>. Ignored by Cloudflare when <see cref="Jurisdiction"/> is set.</summary>
    public string? PrimaryLocationHint { get; init; }

    /// <summary>Jurisdiction: <c>eu</c> or <c>fedramp</c>.</summary>
    public string? Jurisdiction { get; init; }
}
