namespace Provisioning.Components.Steps.UpdateBindings;

/// <summary>
/// Replaces the script's binding set through PATCH settings (no code upload): the stored set with <see cref="Add"/>
/// added or <see cref="Remove"/> taken out. An added binding is undone by removing it again.
/// </summary>
public sealed record UpdateBindings : TenantStep
{
    public string DispatchNamespace { get; init; } = "";

    public string ScriptName { get; init; } = "";

    public NewBinding? Add { get; init; }

    public string? Remove { get; init; }

    public override TenantStep? Undo() =>
        Add is { } added ? new UpdateBindings { DispatchNamespace = DispatchNamespace, ScriptName = ScriptName, Remove = added.Name } : null;
}
