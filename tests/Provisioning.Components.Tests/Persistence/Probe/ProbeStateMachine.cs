using MassTransit;
using Provisioning.Components.Persistence;
using Provisioning.Components.Persistence.SagaRepository;

namespace Provisioning.Components.Tests.Persistence.Probe;

/// <summary>A tiny machine that exercises every repository path: insert, load, update, query, delete.</summary>
public sealed class ProbeStateMachine : MassTransitStateMachine<ProbeState>
{
    public ProbeStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Started, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => StepDone, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => Named, x => x.CorrelateBy((saga, m) => saga.Name == m.Message.Name));
        Event(() => Finished, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => Recorded, x => x.CorrelateById(m => m.Message.CorrelationId));

        Initially(
            When(Started)
                .ThenAsync(async x =>
                {
                    if (x.Message.Name.StartsWith(RaceGate.NamePrefix, StringComparison.Ordinal))
                    {
                        await RaceGate.ArriveAsync(x.Saga.CorrelationId, x.CancellationToken);
                    }

                    x.Saga.Name = x.Message.Name;
                })
                .TransitionTo(Running));

        During(Running,
            Ignore(Started),
            When(StepDone)
                .ThenAsync(async x =>
                {
                    // Yield between load and save so concurrent deliveries overlap, as real work would.
                    await Task.Yield();
                    x.Saga.Counter++;
                })
                .Publish(x => new ProbeStepApplied { CorrelationId = x.Saga.CorrelationId, Step = x.Message.Step, Counter = x.Saga.Counter }),
            When(Named)
                .TransitionTo(Renamed),
            When(Recorded)
                .Then(x =>
                {
                    // As the tenant saga's activities write: into the delivery's unit of work, saved with the instance.
                    var db = x.GetServiceOrCreateInstance<UnitOfWork<ProbeDbContext>>().Current;
                    db.Commands.Add(new TenantCommand
                    {
                        CommandId = x.Message.CommandId,
                        TenantId = "probe",
                        CommandType = "Probe",
                        PayloadJson = "{}",
                        ReceivedAt = DateTime.UtcNow,
                        Status = TenantCommandStatus.Succeeded,
                    });
                    x.Saga.Counter += 100;
                }),
            When(Finished)
                .Finalize());

        During(Renamed,
            When(Finished)
                .Finalize());

        SetCompletedWhenFinalized();
    }

    public State Running { get; private set; } = null!;

    public State Renamed { get; private set; } = null!;

    public Event<ProbeStarted> Started { get; private set; } = null!;

    public Event<ProbeStepDone> StepDone { get; private set; } = null!;

    public Event<ProbeNamed> Named { get; private set; } = null!;

    public Event<ProbeFinished> Finished { get; private set; } = null!;

    public Event<ProbeRecorded> Recorded { get; private set; } = null!;
}
