namespace Provisioning.Components.Reconciliation;

/// <summary>Answers <see cref="Reconcile"/> (from <c>wfp reconcile</c> or the front door) with the run's report.</summary>
public sealed class ReconcileConsumer(Reconciler reconciler) : IConsumer<Reconcile>
{
    public async Task Consume(ConsumeContext<Reconcile> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = await reconciler.RunAsync(context.Message.Fix, context, context.CancellationToken);
        await context.RespondAsync(report);
    }
}

public sealed class ReconcileConsumerDefinition : ConsumerDefinition<ReconcileConsumer>
{
    public ReconcileConsumerDefinition()
    {
        EndpointName = "reconcile";
        // One run at a time per replica: a run walks the whole account.
        ConcurrentMessageLimit = 1;
    }
}
