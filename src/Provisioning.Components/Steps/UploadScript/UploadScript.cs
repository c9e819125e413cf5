namespace Provisioning.Components.Steps.UploadScript;

/// <summary>
/// Uploads the tenant's script with its whole desired binding set. The modules are read from the stored command
/// (ProvisionTenant or DeployScript), never carried here: step messages stay small and free of tenant code.
/// </summary>
public sealed record UploadScript : TenantStep
{
    public string DispatchNamespace { get; init; } = "";

    public string ScriptName { get; init; } = "";
}
