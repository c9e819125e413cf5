using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>
/// ops/benchmarks/worker-command.sh, with which waiting-commands.sh and smoke-published.sh start a worker folder: a
/// self-contained publish through its apphost, any other folder with dotnet.
/// </summary>
public sealed class WorkerCommandScriptTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("wfp-worker-command-").FullName;

    static string Script => Path.Combine(OperatorBrowser.RepositoryRoot, "ops", "benchmarks", "worker-command.sh");

    // A self-contained publish's runtimeconfig.json lists the frameworks it carries under "includedFrameworks".
    const string SelfContained = """{"runtimeOptions":{"tfm":"net10.0","includedFrameworks":[{"name":"Microsoft.NETCore.App","version":"10.0.0"}]}}""";
    const string Frameworks = """{"runtimeOptions":{"tfm":"net10.0","frameworks":[{"name":"Microsoft.NETCore.App","version":"10.0.0"},{"name":"Microsoft.AspNetCore.App","version":"10.0.0"}]}}""";
    const string Framework = """{"runtimeOptions":{"tfm":"net10.0","framework":{"name":"Microsoft.AspNetCore.App","version":"10.0.0"}}}""";

    [Fact]
    public async Task A_self_contained_folder_runs_through_its_apphost()
    {
        Worker(SelfContained, apphost: true);

        var (code, output) = await RunAsync(Script, folder);

        Assert.True(code == 0, output);
        Assert.Equal([Path.Combine(folder, "Provisioning.Worker")], Lines(output));
    }

    [Theory]
    [InlineData(Frameworks)]
    [InlineData(Framework)]
    public async Task A_framework_dependent_folder_runs_with_dotnet_even_with_an_apphost(string runtimeConfig)
    {
        Worker(runtimeConfig, apphost: true);

        var (code, output) = await RunAsync(Script, folder);

        Assert.True(code == 0, output);
        Assert.Equal(["dotnet", Path.Combine(folder, "Provisioning.Worker.dll")], Lines(output));
    }

    [Fact]
    public async Task A_self_contained_folder_without_an_executable_apphost_is_refused()
    {
        Worker(SelfContained, apphost: false);

        var (code, output) = await RunAsync(Script, folder);

        Assert.Equal(1, code);
        Assert.Contains("is self-contained but has no executable apphost Provisioning.Worker", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_a_worker_is_refused()
    {
        var (code, output) = await RunAsync(Script, folder);

        Assert.Equal(1, code);
        Assert.Contains($"no worker in {folder}", output, StringComparison.Ordinal);
    }

    void Worker(string runtimeConfig, bool apphost)
    {
        File.WriteAllText(Path.Combine(folder, "Provisioning.Worker.dll"), "");
        File.WriteAllText(Path.Combine(folder, "Provisioning.Worker.runtimeconfig.json"), runtimeConfig);
        if (apphost)
        {
            var path = Path.Combine(folder, "Provisioning.Worker");
            File.WriteAllText(path, "#!/bin/sh\n");
            // The scripts run on Linux only; the guard is for the platform analyzer.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    static Task<(int Code, string Output)> RunAsync(string file, params string[] args) => ScriptRun.RunAsync(file, args);

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
