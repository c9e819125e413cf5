namespace Provisioning.Components.Steps.DeleteScript;

/// <summary>Deletes the tenant's script (deprovision, or undo of a provision whose upload had succeeded).</summary>
public sealed record DeleteScript : TenantStep
{
    public string DispatchNamespace { get; init; } = "";

    public string ScriptName { get; init; } = "";
}
