namespace Provisioning.Components.Steps.UploadScript;

/// <summary>
/// Uploads the tenant's script with its whole desired binding set: the bindings already stored for the tenant plus
/// <see cref="NewBindings"/>, then reads the bindings back (<see cref="VerifyBindings.BindingCheck"/>). The first upload
/// of a tenant (<see cref="CreatesScript"/>) is undone by deleting the script, also when the step failed after the upload
/// landed (a wrong read-back, a lost answer); a later one replaces code that cannot be brought back, so it has no undo.
/// </summary>
public sealed record UploadScript : TenantStep
{
    public string DispatchNamespace { get; init; } = "";

    public string ScriptName { get; init; } = "";

    public ScriptSource Script { get; init; } = new();

    public IReadOnlyList<NewBinding> NewBindings { get; init; } = [];

    public IReadOnlyList<string>? Tags { get; init; }

    public bool CreatesScript { get; init; }

    public override IReadOnlyList<TenantStep> Undo() =>
        CreatesScript ? [new DeleteScript.DeleteScript { DispatchNamespace = DispatchNamespace, ScriptName = ScriptName }] : [];

    // Deleting a script that was never uploaded is a 404, which the delete counts as done.
    public override bool UndoEvenIfFailed => CreatesScript;
}
