using System.Security.Cryptography;
using System.Text;

namespace Provisioning.Contracts;

/// <summary>
/// Rules for tenant ids (the platform's own string id) and the saga correlation id derived from one.
/// </summary>
public static class TenantIds
{
    /// <summary>
    /// Longest accepted tenant id. Every Cloudflare name the worker derives from a tenant id
    /// (<c>wfp-{tenantId}-{binding}</c> for KV titles, D1 names and R2 buckets) must fit R2's 63-character bucket
    /// name limit, the strictest of the three: 4 (prefix) + 40 + 1 (separator) leaves 18 characters for the
    /// binding part or its short hash.
    /// </summary>
    public const int MaxLength = 40;

    /// <summary>
    /// Namespace of the name-based UUIDs (RFC 4122 version 5) that <see cref="ToCorrelationId"/> returns.
    /// Chosen once at random for this service; it must never change, or every tenant's saga loses its address.
    /// </summary>
    public static readonly Guid CorrelationNamespace = new("494a641e-7503-4c26-b4bf-4da178c0076f");

    /// <summary>True when <paramref name="tenantId"/> follows the rules described by <see cref="GetValidationError"/>.</summary>
    public static bool IsValid(string? tenantId) => GetValidationError(tenantId) is null;

    /// <summary>
    /// Checks a tenant id: 1 to <see cref="MaxLength"/> characters, lowercase ASCII letters, digits and hyphens,
    /// starting with a letter or digit and not ending with a hyphen.
    /// </summary>
    /// <returns><c>null</c> when the id is valid, otherwise a reason a person can act on.</returns>
    public static string? GetValidationError(string? tenantId)
    {
        if (string.IsNullOrEmpty(tenantId))
        {
            return "Tenant id is required.";
        }

        if (tenantId.Length > MaxLength)
        {
            return $"Tenant id '{tenantId}' is {tenantId.Length} characters long; the maximum is {MaxLength}.";
        }

        foreach (var c in tenantId)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return $"Tenant id '{tenantId}' contains '{c}'; only lowercase letters a-z, digits and hyphens are allowed.";
            }
        }

        if (tenantId[0] == '-')
        {
            return $"Tenant id '{tenantId}' must start with a letter or a digit.";
        }

        if (tenantId[^1] == '-')
        {
            return $"Tenant id '{tenantId}' must not end with a hyphen.";
        }

        return null;
    }

    /// <summary>
    /// The saga correlation id of a tenant: the version 5 UUID of <paramref name="tenantId"/> (UTF-8) in
    /// <see cref="CorrelationNamespace"/>. Any service can compute it without a lookup.
    /// </summary>
    public static Guid ToCorrelationId(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return NameBasedUuid(CorrelationNamespace, tenantId);
    }

    /// <summary>RFC 4122 section 4.3 with SHA-1 (version 5).</summary>
    internal static Guid NameBasedUuid(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        // SHA-1 is what RFC 4122 prescribes for version 5; it names, it does not protect anything.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350

        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
