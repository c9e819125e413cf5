using System.Text.Json.Nodes;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

/// <summary>Compares two inspection snapshots of a script: version, code, bindings (as JSON), secrets, tags and settings.</summary>
internal sealed class ScriptStateComparer : IEqualityComparer<ScriptState>
{
    public static readonly ScriptStateComparer Instance = new();

    public bool Equals(ScriptState? x, ScriptState? y) =>
        x is not null && y is not null
        && x.DeploymentId == y.DeploymentId
        && x.Etag == y.Etag
        && x.ContentSha256 == y.ContentSha256
        && x.ModifiedOn == y.ModifiedOn
        && x.Modules.SequenceEqual(y.Modules)
        && x.Bindings.Count == y.Bindings.Count
        && x.Bindings.Zip(y.Bindings).All(p => JsonNode.DeepEquals(p.First, p.Second))
        && x.SecretNames.SequenceEqual(y.SecretNames)
        && x.Tags.SequenceEqual(y.Tags)
        && x.CompatibilityDate == y.CompatibilityDate
        && x.CompatibilityFlags.SequenceEqual(y.CompatibilityFlags);

    public int GetHashCode(ScriptState obj) => obj.DeploymentId.GetHashCode(StringComparison.Ordinal);
}
