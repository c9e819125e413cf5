using System.Diagnostics;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>Runs an ops script (or any program) to its end: its exit code and its stdout followed by its stderr.</summary>
internal static class ScriptRun
{
    public static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
