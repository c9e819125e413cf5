using Provisioning.Components.Persistence.SagaRepository;

namespace Provisioning.Components.StateMachines;

/// <summary>
/// Queue tenant-state. The partitioner serializes deliveries of one tenant inside this process (no optimistic
/// conflicts in the common case); the retry re-runs a delivery after a conflict with another process or the sweeper;
/// step commands and outcomes are rows of our transactional outbox (see OperationMessenger), saved with the instance;
/// the in-memory outbox stays for anything published straight from the consume context.
/// </summary>
public sealed class TenantStateMachineDefinition : SagaDefinition<TenantState>
{
    // Tenants hash to partitions: with as many partitions as the endpoint's concurrency, different tenants sharing a
    // partition waited for each other. A partition costs little; many make such waits rare.
    const int Partitions = 256;

    public TenantStateMachineDefinition()
    {
        EndpointName = "tenant-state";
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<TenantState> sagaConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        var partition = endpointConfigurator.CreatePartitioner(Partitions);
        endpointConfigurator.UseDatabaseConflictRetry();
        endpointConfigurator.UseInMemoryOutbox(context);
        sagaConfigurator.Message<TenantCommandQueued>(x => x.UsePartitioner(partition, m => m.Message.CorrelationId));
        sagaConfigurator.Message<Steps.TenantStepCompleted>(x => x.UsePartitioner(partition, m => m.Message.CorrelationId));
        sagaConfigurator.Message<Steps.TenantStepFailed>(x => x.UsePartitioner(partition, m => m.Message.CorrelationId));
        sagaConfigurator.Message<ResumeTenantOperation>(x => x.UsePartitioner(partition, m => m.Message.CorrelationId));
        sagaConfigurator.Message<Contracts.RetryCompensation>(x => x.UsePartitioner(partition, m => Contracts.TenantIds.ToCorrelationId(m.Message.TenantId ?? "")));
    }
}
