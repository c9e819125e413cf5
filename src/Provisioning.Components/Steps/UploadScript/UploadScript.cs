namespace Provisioning.Components.Steps.UploadScript;

/// <summary>
/// Uploads the tenant's script with its whole desired binding set: the bindings already stored for the tenant plus
/// <see cref="NewBindings"/>. The first upload of a tenant (<see cref="CreatesScript"/>) is undone by deleting the
/// script; a later one replaces code that cannot be brought back, so it has no undo.
/// </summary>
public sealed record UploadScript : TenantStep
{
    public string DispatchNamespace { get; init; } = "";

    public string ScriptName { get; init; } = "";

    public ScriptSource Script { get; init; } = new();

    public IReadOnlyList<NewBinding> NewBindings { get; init; } = [];

    public IReadOnlyList<string>? Tags { get; init; }

    public bool CreatesScript { get; init; }

    public override TenantStep? Undo() =>
        CreatesScript ? new DeleteScript.DeleteScript { DispatchNamespace = DispatchNamespace, ScriptName = ScriptName } : null;
}
