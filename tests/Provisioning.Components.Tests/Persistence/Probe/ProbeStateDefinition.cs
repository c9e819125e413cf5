using MassTransit;
using Provisioning.Components.Persistence.SagaRepository;

namespace Provisioning.Components.Tests.Persistence.Probe;

/// <summary>The endpoint setup the tenant saga will use: persistence retry, then the in-memory outbox.</summary>
public sealed class ProbeStateDefinition : SagaDefinition<ProbeState>
{
    public ProbeStateDefinition()
    {
        ConcurrentMessageLimit = 16;
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<ProbeState> sagaConfigurator,
        IRegistrationContext context)
    {
        // No partitioner here (the tenant saga has one), so 16 deliveries fight over one row: in local runs the
        // unluckiest needed about 10 retries, hence more headroom than the default.
        endpointConfigurator.UseDatabaseConflictRetry(retryLimit: 30);
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
