using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Provisioning.Worker;
using Provisioning.Worker.Cloudflare;

namespace Provisioning.Integration.Tests;

/// <summary>
/// The worker process as README starts it: on an unconfigured host the embedded emulator; configured for the API
/// without its credentials, one line naming them and exit code 2, before anything (an emulator included) runs.
/// </summary>
public sealed class WorkerStartupTests : IDisposable
{
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    readonly string _directory = Path.Combine(Path.GetTempPath(), $"wfp-startup-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_production_worker_with_an_empty_token_stops_with_one_line_naming_the_settings_and_starts_no_emulator()
    {
        var (exitCode, output) = await RunWorkerAsync(new Dictionary<string, string?>
        {
            ["Cloudflare__BaseAddress"] = "https://api.cloudflare.com/client/v4/",
            ["Cloudflare__ApiToken"] = "",
        }, waitFor: null);

        Assert.True(exitCode == 2, $"exit code {exitCode}: {output}");
        var fatal = Assert.Single(output.Split('\n'), line => line.Contains("FTL", StringComparison.Ordinal));
        Assert.Contains("Cloudflare__ApiToken and Cloudflare__AccountId are not set", fatal, StringComparison.Ordinal);
        Assert.DoesNotContain("Cloudflare: embedded emulator at", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_on_every_interface_without_a_front_door_token_stops_with_one_line_naming_the_setting()
    {
        var (exitCode, output) = await RunWorkerAsync(new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = "http://0.0.0.0:0" }, waitFor: null);

        Assert.True(exitCode == 2, $"exit code {exitCode}: {output}");
        var fatal = Assert.Single(output.Split('\n'), line => line.Contains("FTL", StringComparison.Ordinal));
        Assert.Contains("the front door would listen on http://0.0.0.0:0 without a token: set FrontDoor__Token", fatal, StringComparison.Ordinal);
        Assert.DoesNotContain("Cloudflare: embedded emulator at", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_on_every_interface_with_a_front_door_token_starts()
    {
        var (exitCode, output) = await RunWorkerAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://0.0.0.0:0", ["FrontDoor__Token"] = "a-long-random-token",
        }, waitFor: "Now listening on");

        Assert.True(exitCode is null, $"the worker exited ({exitCode}): {output}");
        Assert.DoesNotContain("a-long-random-token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_first_command_runs_the_embedded_emulator_on_a_host_without_cloudflare_settings()
    {
        var (exitCode, output) = await RunWorkerAsync([], waitFor: "Now listening on");

        Assert.True(exitCode is null, $"the worker exited ({exitCode}): {output}");
        Assert.Contains("Cloudflare: embedded emulator at http://127.0.0.1:", output, StringComparison.Ordinal);
        Assert.Contains($"state {Path.Combine(_directory, "wfp-provisioner.emulator.db")}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_missing_setting_is_named_when_the_other_is_present()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Cloudflare:Mode"] = "Api", ["Cloudflare:ApiToken"] = "a-token" });

        var error = await Assert.ThrowsAsync<WorkerConfigurationException>(() => builder.AddCloudflareOrEmbeddedEmulatorAsync());

        Assert.Contains("Cloudflare__AccountId is not set", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiToken", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>
    /// Runs the built worker (copied next to the tests) in its own folder, with a clean Cloudflare/Emulator environment
    /// plus <paramref name="settings"/>. Without <paramref name="waitFor"/> it waits for the exit; with it, it stops the
    /// worker once that text has been printed (exit code null).
    /// </summary>
    async Task<(int? ExitCode, string Output)> RunWorkerAsync(Dictionary<string, string?> settings, string? waitFor)
    {
        Directory.CreateDirectory(_directory);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Provisioning.Worker.dll")])
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("Cloudflare__", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Emulator__", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Database__", StringComparison.OrdinalIgnoreCase) || name.StartsWith("RabbitMq__", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("FrontDoor__", StringComparison.OrdinalIgnoreCase)
                || name is "DOTNET_ENVIRONMENT" or "ASPNETCORE_ENVIRONMENT" or "ASPNETCORE_URLS" or "ASPNETCORE_CONTENTROOT")
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Emulator__Port"] = "0";
        // The worker's own appsettings.json (copied next to the tests), while relative files land in the work folder.
        start.Environment["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory;
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var worker = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(object sender, DataReceivedEventArgs e)
        {
            lock (output)
            {
                output.AppendLine(e.Data);
                if (waitFor is not null && e.Data?.Contains(waitFor, StringComparison.Ordinal) == true)
                {
                    seen.TrySetResult();
                }
            }
        }

        worker.OutputDataReceived += Collect;
        worker.ErrorDataReceived += Collect;
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(StartLimit);
        try
        {
            await Task.WhenAny(worker.WaitForExitAsync(limit.Token), seen.Task.WaitAsync(limit.Token));
            int? exitCode = worker.HasExited ? worker.ExitCode : null;
            return (exitCode, Text());
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync(CancellationToken.None);
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}
