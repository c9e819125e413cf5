namespace Provisioning.Components.Steps;

/// <summary>What a step's answer carries: the saga matches it to its current step by CommandId, index and mode.</summary>
[ExcludeFromTopology] // nothing consumes the base type: no exchange for it on RabbitMQ
public abstract record TenantStepResult
{
    public Guid CorrelationId { get; init; }

    public Guid CommandId { get; init; }

    public string Step { get; init; } = "";

    public int StepIndex { get; init; }

    public bool Compensating { get; init; }
}
