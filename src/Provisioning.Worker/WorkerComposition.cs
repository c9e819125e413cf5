using Provisioning.CloudflareEmulator;
using Provisioning.Components;
using Provisioning.Components.Persistence.Budget;
using Provisioning.Components.Persistence;
using Provisioning.Worker.Cloudflare;
using Provisioning.Worker.FrontDoor;
using Provisioning.Worker.Health;
using Provisioning.Worker.Logging;
using Provisioning.Worker.Memory;
using Provisioning.Worker.Messaging;
using Provisioning.Worker.Telemetry;

namespace Provisioning.Worker;

/// <summary>
/// The worker's whole wiring in one place, so Program.cs, the integration tests and the benchmark run the same
/// registrations in the same order and cannot drift apart.
/// </summary>
public static class WorkerComposition
{
    /// <summary>
    /// Registers everything the worker runs. Returns the embedded emulator in Cloudflare:Mode=Emulator
    /// (the caller disposes it after the host has stopped), else null.
    /// </summary>
    public static async Task<EmulatorServer?> AddProvisioningWorkerAsync(this IHostApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddProvisioningLogging();
        builder.AddProvisioningPersistence();                               // SQLite by default, Database__Provider=Postgres for production
        builder.AddSharedRequestBudget();                                   // PostgreSQL: one Cloudflare request budget per account for every replica
        StartupLog.Database(builder.Configuration);
        StartupLog.SecretKeyRing(builder.Configuration);
        var emulator = await builder.AddCloudflareOrEmbeddedEmulatorAsync(cancellationToken);  // the real API, or the emulator in-process
        builder.AddProvisioningServices();                                  // intake, operations, saga activities, sweepers
        builder.AddProvisioningMessaging();                                 // MassTransit: RabbitMQ, or in-memory when none is configured
        builder.AddProvisioningHealthChecks();
        builder.AddProvisioningTelemetry();
        builder.AddIdleMemoryRelease();                                     // free memory back to the system once a burst of work is over
        builder.Services.AddOptions<FrontDoorOptions>().BindConfiguration(FrontDoorOptions.SectionName);  // FrontDoor__Token
        return emulator;
    }

    /// <summary>
    /// The worker's HTTP surface: <c>/health</c>, the command front door and the operator page, behind the bearer token
    /// when FrontDoor:Token is set.
    /// </summary>
    public static WebApplication MapProvisioningWorker(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<FrontDoorTokenMiddleware>();
        app.MapProvisioningHealthChecks();
        app.MapCommandFrontDoor();
        app.MapReconcile();
        app.MapOperatorPage();
        app.MapOperatorCommands();
        return app;
    }
}
