using Provisioning.Components.Persistence;
using Provisioning.Worker;
using Provisioning.Worker.Cloudflare;
using Provisioning.Worker.FrontDoor;
using Provisioning.Worker.Health;
using Provisioning.Worker.Logging;
using Provisioning.Worker.Messaging;
using Provisioning.Worker.Telemetry;
using Serilog;

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console()
    .CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.UseDefaultUrlWhenUnset("http://127.0.0.1:8080");
    builder.AddProvisioningLogging();
    builder.AddProvisioningPersistence();                               // SQLite by default, Database__Provider=Postgres for production
    StartupLog.Database(builder.Configuration);
    await using var emulator = await builder.AddCloudflareOrEmbeddedEmulatorAsync();  // the real API, or the emulator in-process
    builder.AddProvisioningMessaging();                                 // MassTransit: RabbitMQ, or in-memory when none is configured
    builder.AddProvisioningHealthChecks();
    builder.AddProvisioningTelemetry();

    var app = builder.Build();
    app.MapProvisioningHealthChecks();
    app.MapCommandFrontDoor();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "Host terminated unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
