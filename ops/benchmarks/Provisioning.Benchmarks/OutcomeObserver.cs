using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.Messaging;
using Provisioning.Worker.FrontDoor;

namespace Provisioning.Benchmarks;

/// <summary>
/// A bus in this process that consumes no command: it publishes the phases' commands and hears every outcome event on
/// a temporary queue of its own, as each worker instance does for its front door (the same
/// <see cref="CommandOutcomeConsumer"/> feeding <see cref="CommandOutcomes"/>). Used when the replicas are processes.
/// </summary>
internal sealed class OutcomeObserver : IOutcomeObserver, IAsyncDisposable
{
    readonly IHost _host;

    OutcomeObserver(IHost host) => _host = host;

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public CommandOutcomes Outcomes => _host.Services.GetRequiredService<CommandOutcomes>();

    public static async Task<OutcomeObserver> StartAsync(Uri rabbitMq)
    {
        var address = new RabbitMqAddress(rabbitMq);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production, DisableDefaults = true });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CommandOutcomes>();
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        builder.Services.AddMassTransit(x =>
        {
            x.ConfigureUsageTelemetryOptions(o => o.Enabled = false);
            x.AddConsumer<CommandOutcomeConsumer>().Endpoint(e =>
            {
                e.Name = $"benchmark-outcomes-{NewId.Next().ToString("N")[^12..]}";
                e.Temporary = true;
            });
            x.UsingRabbitMq((context, cfg) =>
            {
                // As the worker: a publish returns once the broker has the command.
                address.ConfigureHost(cfg, h => h.PublisherConfirmation = true);
                cfg.ConfigureEndpoints(context);
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return new OutcomeObserver(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
