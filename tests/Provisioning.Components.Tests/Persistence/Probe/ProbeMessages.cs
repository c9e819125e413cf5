namespace Provisioning.Components.Tests.Persistence.Probe;

public sealed record ProbeStarted
{
    public Guid CorrelationId { get; init; }

    public string Name { get; init; } = "";
}

public sealed record ProbeStepDone
{
    public Guid CorrelationId { get; init; }

    public int Step { get; init; }
}

/// <summary>Correlated by name, not id: goes through the repository's query path.</summary>
public sealed record ProbeNamed
{
    public string Name { get; init; } = "";
}

public sealed record ProbeFinished
{
    public Guid CorrelationId { get; init; }
}

public sealed record ProbeStepApplied
{
    public Guid CorrelationId { get; init; }

    public int Step { get; init; }

    public int Counter { get; init; }
}

/// <summary>Makes the machine write a TenantCommands row through the repository's DbContext.</summary>
public sealed record ProbeRecorded
{
    public Guid CorrelationId { get; init; }

    public Guid CommandId { get; init; }
}
