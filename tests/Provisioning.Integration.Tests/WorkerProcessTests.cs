using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>The built worker as its own process, started from a folder without appsettings.json.</summary>
public sealed class WorkerProcessTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_port_in_use_stops_the_worker_with_one_line_naming_the_address_and_the_setting()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        using var worker = WorkerProcess.Start("--urls", address);
        var code = await worker.WaitForExitAsync(Limit);

        var lines = worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEqual(0, code);
        var line = Assert.Single(lines);
        Assert.Contains(address, line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_appsettings_the_worker_logs_no_sql_and_no_masstransit_chatter_at_information()
    {
        using var free = new TcpListener(IPAddress.Loopback, 0);
        free.Start();
        var port = ((IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();

        using var worker = WorkerProcess.Start("--urls", $"http://127.0.0.1:{port}");
        // Microsoft.Hosting.Lifetime stays at Information: this line says the level applies and start-up (migrations
        // included) is over.
        await worker.WaitForOutputAsync("Now listening on", Limit);

        var output = worker.Output;
        Assert.True(File.Exists(Path.Combine(worker.Folder, "wfp-provisioner.db")), $"no database was created, so no SQL ran. Output:\n{output}");
        Assert.DoesNotContain("Executed DbCommand", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Configured endpoint", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_worker_compiles_methods_optimized_on_first_call()
    {
        // The runtime settings WorkerProcess starts the worker with: without them a fresh worker runs tier-0 code.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Provisioning.Worker.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.Runtime.TieredCompilation.QuickJit").GetBoolean());
    }
}
