namespace Provisioning.Components.Steps;

/// <summary>
/// What an upload sends besides bindings: the code by reference (a <see cref="Persistence.ScriptBundle"/> row, by the
/// hash of its modules) and the script's settings. Step messages and saga plans stay small and free of tenant code.
/// </summary>
public sealed record ScriptSource
{
    public string BundleHash { get; init; } = "";

    public string MainModule { get; init; } = "";

    public string CompatibilityDate { get; init; } = "";

    public IReadOnlyList<string> CompatibilityFlags { get; init; } = [];
}
