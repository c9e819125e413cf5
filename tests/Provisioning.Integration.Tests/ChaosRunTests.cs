using System.Diagnostics;
using System.Text;
using Provisioning.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Provisioning.Integration.Tests;

/// <summary>
/// The chaos run of ops/chaos (docs/chaos.md) at its small size: 12 tenants on 2 replicas, 2 SIGKILLs, a RabbitMQ and a
/// PostgreSQL restart, 5xx, 429 and dropped connections from the emulator; every invariant must hold (exit code 0).
/// </summary>
public sealed class ChaosRunTests(ITestOutputHelper output)
{
    // A 10 s Cloudflare outage (the run's default is 20 s) keeps CI's run short; steps wait it out (Cloudflare:OutagePatience).
    static readonly string[] SmallSize =
    [
        "--tenants", "12", "--replicas", "2", "--kills", "2", "--broker-restarts", "1", "--db-restarts", "1",
        "--outage", "10", "--latency", "50", "--fault-rate", "0.05", "--port-base", "5760",
    ];

    [ChaosFact]
    public async Task Small_chaos_run_keeps_every_invariant()
    {
        var work = Directory.CreateTempSubdirectory("wfp-chaos-").FullName;
        var exitCode = await RunAsync(SmallSize.Concat(["--configuration", BuildConfiguration(), "--work-dir", work, "--out", Path.Combine(work, "chaos.md")]));

        Assert.True(exitCode == 0, $"the chaos run exited {exitCode}; its report and logs are in {work}");
        Assert.Contains("| every command ended in exactly one outcome | ok |", File.ReadAllText(Path.Combine(work, "chaos.md")), StringComparison.Ordinal);
        Directory.Delete(work, recursive: true);   // kept above when the run fails, for its logs
    }

    /// <summary>The invariant checks catch two outcomes for one command, orphans, stale code, leaked secrets (ops/chaos/test/).</summary>
    [ChaosFact]
    public async Task Invariant_checks_catch_their_violations()
    {
        Assert.Equal(0, await RunAsync(["--self-test"]));
    }

    async Task<int> RunAsync(IEnumerable<string> args)
    {
        var missing = ChaosPrerequisites.Missing();
        Assert.True(missing.Count == 0, $"CI=true and the chaos run's prerequisites are missing: {string.Join(", ", missing)}");
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "ops/chaos/run.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var text = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(text, e.Data);
        process.ErrorDataReceived += (_, e) => Append(text, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        finally
        {
            output.WriteLine(text.ToString());
        }

        return process.ExitCode;
    }

    static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    static string BuildConfiguration() => AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Worker.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"no Worker.sln above {AppContext.BaseDirectory}");
    }
}
