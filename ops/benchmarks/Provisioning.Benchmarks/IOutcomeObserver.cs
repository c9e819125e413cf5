using MassTransit;
using Provisioning.Worker.FrontDoor;

namespace Provisioning.Benchmarks;

/// <summary>Where the benchmark publishes a phase's commands and reads their outcome events.</summary>
internal interface IOutcomeObserver
{
    IBus Bus { get; }

    /// <summary>Every outcome event seen, by CommandId.</summary>
    CommandOutcomes Outcomes { get; }
}
