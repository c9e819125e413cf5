using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.CloudflareEmulator;
using Provisioning.Worker;
using Provisioning.Worker.FrontDoor;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>One worker process's wiring, in this test process: the same WorkerComposition as src/Provisioning.Worker/Program.cs.</summary>
public sealed class WorkerHost : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly EmulatorServer? _embeddedEmulator;

    WorkerHost(WebApplication app, EmulatorServer? embeddedEmulator, Uri address)
    {
        _app = app;
        _embeddedEmulator = embeddedEmulator;
        Address = address;
    }

    /// <summary>The front door and health endpoints, http://127.0.0.1:&lt;port&gt;/.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    public CommandOutcomes Outcomes => _app.Services.GetRequiredService<CommandOutcomes>();

    /// <param name="settings">Configuration on top of the defaults (like environment variables would be).</param>
    /// <param name="services">Extra registrations, e.g. a Serilog <c>ILogEventSink</c> (the logger reads sinks from DI).</param>
    /// <param name="contentRoot">Where appsettings.json is read from; the test output folder (which has the worker's) when null.</param>
    public static async Task<WorkerHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null,
        string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = contentRoot ?? AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["RabbitMq:Uri"] = null,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        var emulator = await builder.AddProvisioningWorkerAsync();

        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapProvisioningWorker();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }

            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WorkerHost(app, emulator, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_embeddedEmulator is not null)
        {
            await _embeddedEmulator.DisposeAsync();
        }
    }
}
