namespace Provisioning.Contracts;

/// <summary>The code of a tenant's User Worker.</summary>
public sealed record ScriptSpec
{
    /// <summary>Name of the module that exports the handlers; must be one of <see cref="Modules"/>.</summary>
    public string MainModule { get; init; } = "";

    /// <summary>The modules (at least one).</summary>
    public IReadOnlyList<ScriptModule> Modules { get; init; } = [];

    /// <summary>Workers compatibility date (<c>yyyy-MM-dd</c>); null lets the worker use its configured default.</summary>
    public string? CompatibilityDate { get; init; }

    /// <summary>Workers compatibility flags.</summary>
    public IReadOnlyList<string> CompatibilityFlags { get; init; } = [];
}
