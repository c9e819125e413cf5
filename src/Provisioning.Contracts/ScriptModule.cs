namespace Provisioning.Contracts;

/// <summary>One module of a tenant's script.</summary>
public sealed record ScriptModule
{
    /// <summary>File name of the module, as imports and <see cref="ScriptSpec.MainModule"/> refer to it (for example <c>index.js</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>The module source.</summary>
    public string Content { get; init; } = "";

    /// <summary>MIME type of the part: <c>application/javascript+module</c> for ES modules (the default), <c>text/javascript</c>, <c>application/wasm</c>, ...</summary>
    public string ContentType { get; init; } = "application/javascript+module";
}
