using System.Diagnostics;
using Provisioning.Cli;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>`wfp` as a .NET tool (ops/cli/install-tool.sh) and its shell completion (ops/cli/wfp-completion.bash).</summary>
public sealed class CliToolTests
{
    [Fact]
    public async Task The_cli_packs_as_a_dotnet_tool_that_installs_from_the_local_package_and_runs()
    {
        var root = RepositoryRoot();
        var temp = Directory.CreateTempSubdirectory("wfp-tool-");
        try
        {
            var tools = Path.Combine(temp.FullName, "tools");
            var (code, output, log) = await RunAsync("bash", [Path.Combine(root, "ops/cli/install-tool.sh"), tools],
                new() { ["PACKAGES"] = Path.Combine(temp.FullName, "packages") });
            Assert.True(code == 0, log);
            Assert.StartsWith("0.1.0", output.Trim().Split('\n')[^1], StringComparison.Ordinal);

            var wfp = Path.Combine(tools, "wfp");
            (code, output, log) = await RunAsync(wfp, ["--help"]);
            Assert.True(code == 0, log);
            foreach (var command in new[] { "provision", "attach", "detach", "deploy", "deprovision", "retry-compensation", "status", "tenants", "--json" })
            {
                Assert.Contains(command, output, StringComparison.Ordinal);
            }

            // The bash completion function, as bash calls it on <TAB>, against the installed tool.
            var script = $"source '{Path.Combine(root, "ops/cli/wfp-completion.bash")}'; COMP_LINE='wfp sta'; COMP_POINT=${{#COMP_LINE}}; _wfp_complete; printf '%s\\n' \"${{COMPREPLY[@]}}\"";
            (code, output, log) = await RunAsync("bash", ["-c", script], new() { ["PATH"] = $"{tools}:{Environment.GetEnvironmentVariable("PATH")}" });
            Assert.True(code == 0, log);
            Assert.Equal("status", output.Trim());

            await ReadmeWalkthroughAsync(wfp, temp.FullName);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    /// <summary>
    /// README's "Trying it" with the installed tool: the worker on its embedded defaults in its own folder, provision,
    /// status, a restart (SIGKILL, then the same folder again), deploy new code, status and the list.
    /// </summary>
    static async Task ReadmeWalkthroughAsync(string wfp, string temp)
    {
        var folder = Directory.CreateDirectory(Path.Combine(temp, "worker")).FullName;
        var module = Path.Combine(temp, "v2.js");
        await File.WriteAllTextAsync(module, "export default { fetch() { return new Response('v2'); } };");
        string[] worker = ["--urls", "http://127.0.0.1:0", "--Emulator:Port", "0"];

        string address;
        using (var first = WorkerProcess.StartIn(folder, worker))
        {
            address = await ListeningAddressAsync(first);
            var (code, output, log) = await RunAsync(wfp, ["provision", "acme", "--kv", "CACHE", "--d1", "DB", "--r2", "FILES", "--worker", address]);
            Assert.True(code == 0, log + output);
            Assert.Contains("TenantProvisioned: tenant acme", output, StringComparison.Ordinal);
            (code, output, log) = await RunAsync(wfp, ["status", "acme", "--worker", address]);
            Assert.True(code == 0, log + output);
            Assert.Contains("Tenant acme: Active", output, StringComparison.Ordinal);
        }

        using var second = WorkerProcess.StartIn(folder, worker);
        address = await ListeningAddressAsync(second);
        var (deployCode, deployOutput, deployLog) = await RunAsync(wfp, ["deploy", "acme", "--module", module, "--worker", address]);
        Assert.True(deployCode == 0, deployLog + deployOutput);
        Assert.Contains("ScriptDeployed", deployOutput, StringComparison.Ordinal);
        var (listCode, list, listLog) = await RunAsync(wfp, ["tenants", "--json", "--worker", address]);
        Assert.True(listCode == 0, listLog);
        using var tenants = System.Text.Json.JsonDocument.Parse(list);
        Assert.Contains(tenants.RootElement.GetProperty("tenants").EnumerateArray(),
            t => t.GetProperty("tenantId").GetString() == "acme" && t.GetProperty("state").GetString() == "Active");
    }

    static async Task<string> ListeningAddressAsync(WorkerProcess worker)
    {
        await worker.WaitForOutputAsync("Now listening on: ", TimeSpan.FromSeconds(60));
        return System.Text.RegularExpressions.Regex.Match(worker.Output, @"Now listening on: (http://\S+)").Groups[1].Value;
    }

    [Theory]
    [InlineData("sta", "status")]
    [InlineData("attach acme --juris", "--jurisdiction")]
    [InlineData("attach acme --r2 FILES --jurisdiction ", "eu\nfedramp")]
    public async Task The_suggest_directive_completes_commands_options_and_option_values(string line, string expected)
    {
        using var output = new StringWriter();

        var code = await WfpCli.RunAsync([$"[suggest:{line.Length}]", line], output, output, CancellationToken.None);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(expected, output.ToString().Trim().ReplaceLineEndings("\n"));
    }

    static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Worker.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"No Worker.sln above {AppContext.BaseDirectory}.");
    }

    internal static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, string[] args, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
