using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.Components.Persistence.Budget;
using Provisioning.Worker;
using Provisioning.Worker.FrontDoor;

namespace Provisioning.Benchmarks;

/// <summary>The worker's wiring in this process: the same WorkerComposition as src/Provisioning.Worker/Program.cs.</summary>
internal sealed class WorkerUnderTest : IReplica, IOutcomeObserver
{
    readonly WebApplication _app;

    WorkerUnderTest(WebApplication app) => _app = app;

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    /// <summary>Every outcome event this worker has seen, by CommandId (what the front door answers from).</summary>
    public CommandOutcomes Outcomes => _app.Services.GetRequiredService<CommandOutcomes>();

    /// <param name="settings">Configuration on top of the worker's appsettings.json, as environment variables would be.</param>
    public static async Task<WorkerUnderTest> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // A replica taken away mid-run finishes its in-flight handlers, which may be queued for budget longer than the default 30 s.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(3));

        var embedded = await builder.AddProvisioningWorkerAsync();
        // The shared PostgreSQL request budget; a no-op with SQLite, and harmless once WorkerComposition registers it too.
        builder.AddSharedRequestBudget();
        if (embedded is not null)
        {
            // The benchmark always passes a token and its own emulator; an embedded one would be a wiring mistake.
            await embedded.DisposeAsync();
            throw new InvalidOperationException("The worker started its embedded emulator; the benchmark's emulator settings were not applied.");
        }

        var app = builder.Build();
        app.MapProvisioningWorker();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new WorkerUnderTest(app);
    }

    /// <summary>
    /// Takes the replica away as a scale-down does: the bus stops consuming, in-flight handlers finish (their budget
    /// waits included), the host goes. Not a SIGKILL: an in-process host cannot vanish, and one whose broker connections
    /// are cut reconnects and keeps consuming with a disposed container (tried: its commands ended in _error).
    /// </summary>
    public async Task StopAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
