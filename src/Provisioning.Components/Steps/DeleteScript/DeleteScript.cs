namespace Provisioning.Components.Steps.DeleteScript;

/// <summary>Deletes the tenant's script and forgets its bindings (deprovision, or the undo of a first upload).</summary>
public sealed record DeleteScript : TenantStep
{
    public string DispatchNamespace { get; init; } = "";

    public string ScriptName { get; init; } = "";
}
