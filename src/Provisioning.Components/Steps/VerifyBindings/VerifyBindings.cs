namespace Provisioning.Components.Steps.VerifyBindings;

/// <summary>
/// Reads the script's bindings back and compares them with the tenant's stored binding set. Uploads and settings changes now
/// read back themselves; this step stays so a plan stored by an earlier version still runs.
/// </summary>
public sealed record VerifyBindings : TenantStep
{
    public string DispatchNamespace { get; init; } = "";

    public string ScriptName { get; init; } = "";
}
