using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>
/// The worker's self-contained publish, trimmed by the csproj's publish settings: the command line of its container image
/// (src/Provisioning.Worker/Dockerfile) and of README's "Container image".
/// </summary>
public sealed class WorkerPublishTests
{
    [Fact]
    public async Task The_worker_publishes_self_contained_and_trimmed_with_its_own_settings()
    {
        var root = OperatorBrowser.RepositoryRoot;
        var temp = Directory.CreateTempSubdirectory("wfp-publish-");
        try
        {
            var app = Path.Combine(temp.FullName, "app");
            var architecture = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
            // Its own artifacts folder: nothing the test run built is rebuilt or overwritten.
            var (code, output, log) = await CliToolTests.RunAsync("dotnet",
            [
                "publish", Path.Combine(root, "src/Provisioning.Worker/Provisioning.Worker.csproj"), "-c", "Release",
                "--os", "linux", "-a", architecture, "--self-contained", "true",
                "--artifacts-path", Path.Combine(temp.FullName, "artifacts"), "-o", app,
            ]);
            Assert.True(code == 0, output + log);

            // The emulator project has an appsettings.json of its own: the worker's is the one published.
            Assert.Equal(
                await File.ReadAllTextAsync(Path.Combine(root, "src/Provisioning.Worker/appsettings.json")),
                await File.ReadAllTextAsync(Path.Combine(app, "appsettings.json")));
            // Self-contained: started through its apphost, with the runtime it carries and no shared framework.
            Assert.True(File.Exists(Path.Combine(app, "Provisioning.Worker")), "no apphost Provisioning.Worker");
            var options = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app, "Provisioning.Worker.runtimeconfig.json")))!["runtimeOptions"]!;
            Assert.Null(options["frameworks"]);
            // Trimmed: the framework's assemblies are cut to what the worker calls (the shared framework's CoreLib, the
            // one this test runs on, is several times larger)...
            var coreLib = new FileInfo(Path.Combine(app, "System.Private.CoreLib.dll")).Length;
            Assert.True(coreLib * 2 < new FileInfo(typeof(object).Assembly.Location).Length, $"System.Private.CoreLib.dll is {coreLib} bytes: not trimmed");
            // ... but MassTransit, which finds its types by reflection, is kept whole (partial trimming), and JSON stays
            // reflection-based, as the front door and MassTransit use it.
            // (the package's, as this test's own output folder has it).
            Assert.Equal(new FileInfo(Path.Combine(AppContext.BaseDirectory, "MassTransit.dll")).Length, new FileInfo(Path.Combine(app, "MassTransit.dll")).Length);
            Assert.True(options["configProperties"]!["System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault"]!.GetValue<bool>(), "reflection-based JSON is off");

            // And it works: ops/benchmarks/smoke-published.sh runs it on its embedded defaults and sends a provision,
            // an attach, a deploy, a deprovision and an invalid command through its front door, each outcome and the
            // emulator's state checked, no member missing because the trimming removed it.
            using var free = new TcpListener(IPAddress.Loopback, 0);
            free.Start();
            var port = ((IPEndPoint)free.LocalEndpoint).Port;
            free.Stop();
            var (smoke, smokeOutput, smokeLog) = await CliToolTests.RunAsync("bash",
                [Path.Combine(root, "ops/benchmarks/smoke-published.sh"), app],
                new Dictionary<string, string> { ["PORT"] = port.ToString(CultureInfo.InvariantCulture) });
            Assert.True(smoke == 0, smokeOutput + smokeLog);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
