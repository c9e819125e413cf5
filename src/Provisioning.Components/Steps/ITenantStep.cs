using MassTransit;

namespace Provisioning.Components.Steps;

/// <summary>What every step command carries: the saga's address and which step of which operation it is.</summary>
[ExcludeFromTopology] // nothing consumes the base types: no exchanges for them on RabbitMQ
public interface ITenantStep
{
    Guid CorrelationId { get; }

    string TenantId { get; }

    Guid CommandId { get; }

    /// <summary>Index in the operation's step plan, or in its undo plan when <see cref="Compensating"/>.</summary>
    int StepIndex { get; }

    bool Compensating { get; }
}

/// <summary>Base of the step commands (the saga fills these from its state).</summary>
[ExcludeFromTopology]
public abstract record TenantStep : ITenantStep
{
    public Guid CorrelationId { get; init; }

    public string TenantId { get; init; } = "";

    public Guid CommandId { get; init; }

    public int StepIndex { get; init; }

    public bool Compensating { get; init; }
}
