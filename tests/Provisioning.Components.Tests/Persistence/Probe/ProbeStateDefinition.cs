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
        endpointConfigurator.UseDatabaseConflictRetry(retryLimit: 30);
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
