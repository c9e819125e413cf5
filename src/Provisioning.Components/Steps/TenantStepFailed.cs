namespace Provisioning.Components.Steps;

/// <summary>A step could not be carried out (after its in-process retries, when the cause was transient).</summary>
public sealed record TenantStepFailed : TenantStepResult
{
    /// <summary>Cloudflare's error code, when the failure came from Cloudflare.</summary>
    public int? ErrorCode { get; init; }

    public string ErrorMessage { get; init; } = "";
}
