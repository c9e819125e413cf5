using MassTransit;
using Provisioning.Components;
using Provisioning.Worker.FrontDoor;

namespace Provisioning.Worker.Messaging;

public static class MessagingExtensions
{
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
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);

        builder.Services.AddSingleton<CommandOutcomes>();

        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.AddProvisioningConsumers();

            // Every instance hears every outcome (its own auto-deleted queue) for the front door's GET /commands/{id}.
            x.AddConsumer<CommandOutcomeConsumer>().Endpoint(e =>
            {
                e.Name = $"worker-outcomes-{NewId.Next().ToString("N")[^12..]}";
                e.Temporary = true;
            });

            if (rabbit.IsConfigured)
            {
                StartupLog.Write("Transport: RabbitMQ at {RabbitMqAddress}", rabbit.DisplayAddress);
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(rabbit.Uri!.Host, rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                        // Publish returns only once the broker has the message: an outcome or a queued command is never
                        // lost in the client's buffers.
                        h.PublisherConfirmation = true;
                        if (rabbit.Uri.Scheme is "amqps" or "rabbitmqs")
                        {
                            h.UseSsl(s => s.ServerName = rabbit.Uri.Host);
                        }
                    });
                    cfg.Durable = true;
                    cfg.PrefetchCount = rabbit.PrefetchCount;
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
