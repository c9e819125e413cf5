using Microsoft.Extensions.Configuration;

namespace Provisioning.Components.Secrets;

/// <summary>Where the Data Protection key ring that encrypts secret values lives (section "DataProtection").</summary>
public sealed class SecretProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// Directory of the key ring. Unset: next to the SQLite database (<c>{database}.keys</c>), in the database itself on
    /// PostgreSQL (so every replica reads the same keys), in memory for an in-memory SQLite database.
    /// </summary>
    public string? KeysPath { get; set; }

    /// <summary>Isolates key rings: workers that must read each other's secrets use the same name.</summary>
    public string ApplicationName { get; set; } = "wfp-provisioner";

    public static SecretProtectionOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<SecretProtectionOptions>() ?? new SecretProtectionOptions();
}
