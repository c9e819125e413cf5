using System.ComponentModel.DataAnnotations;

namespace Provisioning.Components;

public sealed class ProvisioningOptions
{
    public const string SectionName = "Provisioning";

    /// <summary>
    /// Largest accepted script (sum of the modules' UTF-8 sizes). Cloudflare's own limit is 10 MB after gzip on paid
    /// plans (3 MB free, error 10027); refusing larger input here fails fast, before any resource is created.
    /// </summary>
    [Range(1, 100 * 1024 * 1024)]
    public int MaxScriptSizeBytes { get; set; } = 10 * 1024 * 1024;
}
