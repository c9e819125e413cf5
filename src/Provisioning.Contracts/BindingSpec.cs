namespace Provisioning.Contracts;

/// <summary>
/// A binding that needs no resource created by the worker. Set <see cref="Name"/>, <see cref="Type"/>
/// and the fields of that type only:
/// <list type="bullet">
/// <item><c>plain_text</c>, <c>secret_text</c>: <see cref="Text"/></item>
/// <item><c>json</c>: <see cref="Json"/> (the value as a JSON document in a string)</item>
/// <item><c>service</c>: <see cref="Service"/>, optional <see cref="Environment"/> and <see cref="Entrypoint"/></item>
/// <item><c>queue</c>: <see cref="QueueName"/></item>
/// <item><c>analytics_engine</c>: <see cref="Dataset"/></item>
/// <item><c>durable_object_namespace</c>: <see cref="ClassName"/>, optional <see cref="ScriptName"/></item>
/// <item><c>dispatch_namespace</c>: <see cref="Namespace"/></item>
/// </list>
/// </summary>
public sealed record BindingSpec
{
    /// <summary>The binding name the script sees (a JavaScript identifier, unique within the script).</summary>
    public string Name { get; init; } = "";

    /// <summary>One of <see cref="BindingTypes.NonResourceTypes"/>.</summary>
    public string Type { get; init; } = "";

    /// <summary>The value of a <c>plain_text</c> or <c>secret_text</c> binding. Secret values are never stored by the worker.</summary>
    public string? Text { get; init; }

    /// <summary>The value of a <c>json</c> binding, as raw JSON text (for example <c>{"tier":"gold"}</c>).</summary>
    public string? Json { get; init; }

    /// <summary>The Worker a <c>service</c> binding calls.</summary>
    public string? Service { get; init; }

    /// <summary>The environment of a <c>service</c> binding (optional).</summary>
    public string? Environment { get; init; }

    /// <summary>The named entrypoint of a <c>service</c> binding (optional).</summary>
    public string? Entrypoint { get; init; }

    /// <summary>The queue of a <c>queue</c> binding.</summary>
    public string? QueueName { get; init; }

    /// <summary>The dataset of an <c>analytics_engine</c> binding.</summary>
    public string? Dataset { get; init; }

    /// <summary>The Durable Object class of a <c>durable_object_namespace</c> binding.</summary>
    public string? ClassName { get; init; }

    /// <summary>The script defining the Durable Object class (optional: defaults to the tenant's own script).</summary>
    public string? ScriptName { get; init; }

    /// <summary>The dispatch namespace of a <c>dispatch_namespace</c> binding.</summary>
    public string? Namespace { get; init; }
}
