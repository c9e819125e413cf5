namespace Provisioning.Components.Steps;

/// <summary>
/// Every step consumer shares the tenant-step queue. Retry is per consumer (not per endpoint, which would stack one
/// filter per consumer), only for transient errors, in process: RabbitMQ here has no delayed redelivery.
/// </summary>
public sealed class StepConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public const string QueueName = "tenant-step";

    readonly ProvisioningOptions _options;

    public StepConsumerDefinition(IOptions<ProvisioningOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        EndpointName = QueueName;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        // Every step consumer configures the one shared endpoint alike: its own concurrency, not the bus-wide prefetch.
        endpointConfigurator.PrefetchCount = _options.StepConcurrency;
        endpointConfigurator.ConcurrentMessageLimit = _options.StepConcurrency;
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Incremental(_options.StepRetryLimit, _options.StepRetryInterval, _options.StepRetryInterval);
            r.Handle<Exception>(StepErrors.IsTransient);
        });
        consumerConfigurator.UseInMemoryOutbox(context);
    }
}
