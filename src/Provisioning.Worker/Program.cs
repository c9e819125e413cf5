using Provisioning.Worker;
using Provisioning.Worker.FrontDoor;
using Serilog;

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console()
    .CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.UseDefaultUrlWhenUnset("http://127.0.0.1:8080");
    builder.EnsureFrontDoorIsProtected();                 // no FrontDoor__Token: loopback addresses only
    builder.EnsureListenAddressesAreFree();
    // Logging, persistence, Cloudflare (or the embedded emulator), messaging, health, telemetry: see WorkerComposition.
    await using var emulator = await builder.AddProvisioningWorkerAsync();

    var app = builder.Build();
    app.MapProvisioningWorker();
    await app.RunAsync();
    return 0;
}
catch (WorkerConfigurationException ex)
{
    // A setting to change, not a crash: one line that names it.
    Log.Fatal("Cannot start: {Reason}", ex.Message);
    return 2;
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
