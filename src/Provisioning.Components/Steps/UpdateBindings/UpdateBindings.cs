namespace Provisioning.Components.Steps.UpdateBindings;

/// <summary>
/// Replaces the script's binding set through PATCH settings (no code upload). With <see cref="ApplyCommand"/> the
/// stored AttachBinding or DetachBinding is applied to the set first; without it (compensation) the set is put back
/// to what TenantBindings says.
/// </summary>
public sealed record UpdateBindings : TenantStep
{
    public string DispatchNamespace { get; init; } = "";

    public string ScriptName { get; init; } = "";

    public bool ApplyCommand { get; init; }
}
