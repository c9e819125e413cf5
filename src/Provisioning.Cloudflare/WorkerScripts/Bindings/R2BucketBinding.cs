using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>An R2 bucket. Binding type <c>r2_bucket</c>.</summary>
/// <param name="Name">The JavaScript variable name.</param>
/// <param name="BucketName">The bucket name.</param>
/// <param name="Jurisdiction">The bucket's jurisdiction (<c>eu</c>, <c>fedramp</c>), when not the default.</param>
public sealed record R2BucketBinding(string Name, string BucketName, string? Jurisdiction = null) : WorkerBinding(Name)
{
    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public override string Type => WorkerBindingTypes.R2Bucket;
}
