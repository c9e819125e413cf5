namespace Provisioning.Cloudflare;

/// <summary>What to upload for a script: its modules and the <c>metadata</c> part.</summary>
public sealed record WorkerScriptUpload
{
    /// <summary>The entry module's name (<c>main_module</c>); it should match one of <see cref="Modules"/>.</summary>
    public string? MainModule { get; init; }

    /// <summary>The modules, one multipart part each.</summary>
    public IReadOnlyList<WorkerModule> Modules { get; init; } = [];

    /// <summary><c>compatibility_date</c>, <c>YYYY-MM-DD</c>; Cloudflare defaults to 2021-11-02 when omitted.</summary>
    public string? CompatibilityDate { get; init; }

    /// <summary><c>compatibility_flags</c>, e.g. <c>nodejs_compat</c>.</summary>
    public IReadOnlyList<string>? CompatibilityFlags { get; init; }

    /// <summary>The bindings of the new version. Without <see cref="KeepBindings"/> they replace the old set.</summary>
    public IReadOnlyList<WorkerBinding> Bindings { get; init; } = [];

    /// <summary>
    /// <c>keep_bindings</c>: binding <em>types</em> to carry over from the previous version. Send
    /// <c>secret_text</c> and <c>secret_key</c> when secrets must survive; the implicit rule is disputed.
    /// </summary>
    public IReadOnlyList<string>? KeepBindings { get; init; }

    /// <summary>Script tags (at most 8).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Adds <c>bindings_inherit=strict</c>: the upload fails with 10057 when an <see cref="InheritBinding"/> cannot be resolved.</summary>
    public bool StrictBindingInheritance { get; init; }
}
