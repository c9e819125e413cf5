using Provisioning.Components.Steps;

namespace Provisioning.Components.Operations;

/// <summary>How far an operation got before a step failed: its plan, how many steps completed, and the failed one.</summary>
public sealed record OperationProgress
{
    public IReadOnlyList<TenantStep> Plan { get; init; } = [];

    public int Completed { get; init; }

    public IEnumerable<TenantStep> CompletedSteps => Plan.Take(Completed);

    public TenantStep? FailedStep => Completed < Plan.Count ? Plan[Completed] : null;
}
