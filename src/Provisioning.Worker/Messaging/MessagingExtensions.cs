using MassTransit;
using Provisioning.Components;
using Provisioning.Messaging;
using Provisioning.Worker.FrontDoor;

namespace Provisioning.Worker.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// <c>true</c> lets MassTransit send its usage telemetry to its vendor's server a while after start. Off by default here
    /// (MassTransit's own default is on). MassTransit's MASSTRANSIT_USAGE_TELEMETRY variable, when set, wins over this setting.
    /// </summary>
    public const string UsageTelemetrySetting = "MassTransit:UsageTelemetry";

    /// <summary>
    /// MassTransit with every provisioning consumer and the tenant saga: RabbitMQ (durable queues, publisher confirms)
    /// when <c>RabbitMq:Uri</c> is set, otherwise the in-memory transport of a single embedded process.
    /// </summary>
    public static IHostApplicationBuilder AddProvisioningMessaging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var rabbit = builder.Configuration.GetSection(RabbitMqOptions.SectionName).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        builder.Services.AddOptions<RabbitMqOptions>()
            .BindConfiguration(RabbitMqOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // A step waiting out a Cloudflare outage (Cloudflare:OutagePatience) ends when its delivery's token is cancelled:
        // at shutdown in-flight consumers get this long to finish, then the token ends the wait and the message is redelivered.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.ConsumerStopTimeout = TimeSpan.FromSeconds(10);
        });

        builder.Services.AddSingleton<CommandOutcomes>();

        var usageTelemetry = builder.Configuration.GetValue(UsageTelemetrySetting, false);

        builder.Services.AddMassTransit(x =>
        {
            x.ConfigureUsageTelemetryOptions(o => o.Enabled = usageTelemetry);
            x.SetKebabCaseEndpointNameFormatter();
            x.AddProvisioningConsumers();

            // Every instance hears every outcome (its own auto-deleted queue) for the front door's GET /commands/{id}.
            x.AddConsumer<CommandOutcomeConsumer>().Endpoint(e =>
            {
                e.Name = $"worker-outcomes-{NewId.Next().ToString("N")[^12..]}";
                e.Temporary = true;
            });

            // A malformed RabbitMq:Uri gets no transport here: the options validation stops the host at start, naming it.
            if (rabbit.GetAddress() is { } address)
            {
                var nodes = rabbit.GetClusterNodes();
                StartupLog.Write("Transport: RabbitMQ at {RabbitMqAddress}, cluster nodes {RabbitMqClusterNodes}, {RabbitMqQueueType} queues",
                    address.DisplayAddress, nodes.Count == 0 ? "(none)" : string.Join(",", nodes), rabbit.QueueType);
                if (rabbit.QueueType == RabbitMqQueueType.Quorum)
                {
                    x.AddConfigureEndpointsCallback(QuorumQueues.Apply);
                }

                x.UsingRabbitMq((context, cfg) =>
                {
                    address.ConfigureHost(cfg, h =>
                    {
                        // Publish returns only once the broker has the message: an outcome or a queued command is never
                        // lost in the client's buffers.
                        h.PublisherConfirmation = true;
                        if (nodes.Count > 0)
                        {
                            // Every (re)connection takes the next node in turn, so a stopped node is left behind.
                            h.UseCluster(c =>
                            {
                                foreach (var node in nodes)
                                {
                                    c.Node(node);
                                }
                            });
                        }
                    });
                    cfg.PrefetchCount = rabbit.PrefetchCount;
                    // A channel whose publishes keep being nacked is closed and replaced. IBus.Publish (the outbox relay)
                    // uses the bus endpoint's channel, which is watched only while that endpoint consumes: start it. Its
                    // queue stays MassTransit's temporary one (not durable, auto-delete): a durable classic queue could
                    // not be declared again while the node that held it is down.
                    cfg.ConnectEndpointConfigurationObserver(new StuckChannels(rabbit.ChannelNackLimit,
                        context.GetRequiredService<ILoggerFactory>().CreateLogger<StuckChannelFilter>()));
                    cfg.AutoStart = true;
                    cfg.UseConsumeFilter(typeof(TenantLogScopeFilter<>), context);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                StartupLog.Write("Transport: in-memory (set RabbitMq__Uri to use RabbitMQ)");
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.UseConsumeFilter(typeof(TenantLogScopeFilter<>), context);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        return builder;
    }
}
