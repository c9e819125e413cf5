using MassTransit;

namespace Provisioning.Components.Tests.Persistence.Probe;

public sealed class ProbeState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public string Name { get; set; } = "";

    public int Counter { get; set; }

    public long Version { get; set; }
}
