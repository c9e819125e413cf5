using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Provisioning.Components.Persistence;

/// <summary>
/// A script's modules, stored once by the SHA-256 of their names, types and contents. Upload steps refer to a bundle
/// by <see cref="Hash"/>, so plans and step messages carry no tenant code, and one bundle deployed to many tenants is
/// stored once.
/// </summary>
public sealed class ScriptBundle
{
    static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public string Hash { get; set; } = "";

    public string ModulesJson { get; set; } = "";

    public long SizeBytes { get; set; }

    /// <summary>Set when the bundle is first stored.</summary>
    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<ScriptModule> Modules => JsonSerializer.Deserialize<List<ScriptModule>>(ModulesJson, Json) ?? [];

    public static ScriptBundle For(IReadOnlyList<ScriptModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        return new ScriptBundle
        {
            Hash = HashOf(modules),
            ModulesJson = JsonSerializer.Serialize(modules, Json),
            SizeBytes = modules.Sum(m => (long)Encoding.UTF8.GetByteCount(m.Content)),
        };
    }

    /// <summary>Hex SHA-256 over each module's name, content type and content, length-prefixed so no two bundles collide by concatenation.</summary>
    public static string HashOf(IReadOnlyList<ScriptModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var module in modules)
        {
            foreach (var part in new[] { module.Name, module.ContentType, module.Content })
            {
                var bytes = Encoding.UTF8.GetBytes(part);
                hash.AppendData(BitConverter.GetBytes(bytes.Length));
                hash.AppendData(bytes);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
