namespace Provisioning.Components.Steps.UpdateBindings;

/// <summary>
/// Replaces the script's binding set through PATCH settings (no code upload): the stored set with <see cref="Add"/>
/// added or <see cref="Remove"/> taken out, then reads the bindings back (<see cref="VerifyBindings.BindingCheck"/>). An
/// added binding is undone by removing it again, also when the step failed after the PATCH landed.
/// </summary>
public sealed record UpdateBindings : TenantStep
{
    public string DispatchNamespace { get; init; } = "";

    public string ScriptName { get; init; } = "";

    public NewBinding? Add { get; init; }

    public string? Remove { get; init; }

    public override IReadOnlyList<TenantStep> Undo() =>
        Add is { } added ? [new UpdateBindings { DispatchNamespace = DispatchNamespace, ScriptName = ScriptName, Remove = added.Name }] : [];

    // Removing a binding the PATCH never added sends the set as it was: no change.
    public override bool UndoEvenIfFailed => Add is not null;
}
