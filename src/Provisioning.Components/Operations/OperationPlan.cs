using Provisioning.Components.Steps;

namespace Provisioning.Components.Operations;

/// <summary>
/// What an operation will do: its steps in order, where the tenant's script lives, and the script bundles its uploads
/// refer to. Or, when the command cannot apply to the tenant as it is, why it is rejected.
/// </summary>
public sealed record OperationPlan
{
    public IReadOnlyList<TenantStep> Steps { get; init; } = [];

    public string? DispatchNamespace { get; init; }

    public string? ScriptName { get; init; }

    public IReadOnlyList<ScriptBundle> Bundles { get; init; } = [];

    public string? Rejection { get; init; }

    public static OperationPlan Rejected(string reason) => new() { Rejection = reason };
}
