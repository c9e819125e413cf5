using System.Security.Cryptography;
using System.Text;

namespace Provisioning.Components.Steps;

/// <summary>
/// Deterministic Cloudflare names, <c>wfp-{tenantId}-{binding}</c>: a create retried after a crash finds its resource by
/// name and adopts it. The binding part is lowercased with '_' and '$' as '-', valid for KV titles, D1 names and R2
/// buckets alike; past R2's 63 characters the end is cut and a hash of the binding name keeps it unique.
/// </summary>
public static class ResourceNames
{
    const int MaxLength = 63;

    public static string For(string tenantId, string bindingName)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(bindingName);
        var part = new string(bindingName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var name = $"wfp-{tenantId}-{part}";
        if (name.Length <= MaxLength && part.Length > 0)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(bindingName)))[..8];
        var prefix = $"wfp-{tenantId}-";
        var room = MaxLength - prefix.Length - hash.Length - 1;
        return (prefix + part[..Math.Min(part.Length, Math.Max(room, 0))]).TrimEnd('-') + "-" + hash;
    }
}
