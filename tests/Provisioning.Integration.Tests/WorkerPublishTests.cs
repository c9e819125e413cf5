using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>
/// The worker's ReadyToRun publish, the command line of its container image (src/Provisioning.Worker/Dockerfile) and of
/// README's "Container image".
/// </summary>
public sealed class WorkerPublishTests
{
    [Fact]
    public async Task The_worker_publishes_ready_to_run_with_its_own_settings()
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
                "--os", "linux", "-a", architecture, "--self-contained", "false", "-p:PublishReadyToRun=true",
                "--artifacts-path", Path.Combine(temp.FullName, "artifacts"), "-o", app,
            ]);
            Assert.True(code == 0, output + log);

            // The emulator project has an appsettings.json of its own: the worker's is the one published.
            Assert.Equal(
                await File.ReadAllTextAsync(Path.Combine(root, "src/Provisioning.Worker/appsettings.json")),
                await File.ReadAllTextAsync(Path.Combine(app, "appsettings.json")));
            Assert.True(IsReadyToRun(Path.Combine(app, "Provisioning.Worker.dll")), "Provisioning.Worker.dll has no precompiled code");
            Assert.True(IsReadyToRun(Path.Combine(app, "MassTransit.dll")), "MassTransit.dll has no precompiled code");
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    /// <summary>A ReadyToRun image has a managed native header; an IL-only one does not.</summary>
    static bool IsReadyToRun(string assembly)
    {
        using var reader = new PEReader(File.OpenRead(assembly));
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }
}
