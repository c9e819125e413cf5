using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>
/// ops/benchmarks/memory-cgroup.sh, with which `MEMORY_LIMIT=... ops/benchmarks/waiting-commands.sh` holds the worker to
/// a container's memory limit: the limit must bind, and the report must say when it killed.
/// </summary>
public sealed class MemoryCgroupScriptTests
{
    static string Script => Path.Combine(OperatorBrowser.RepositoryRoot, "ops", "benchmarks", "memory-cgroup.sh");

    [Theory]
    [InlineData("lots", "not a memory size: 'lots'")]
    [InlineData("150MB", "not a memory size: '150MB'")]
    [InlineData("8M", "a limit under 16M would not start a .NET process: '8M'")]
    public async Task A_limit_it_cannot_read_is_refused_before_any_cgroup_is_made(string limit, string message)
    {
        var (code, output) = await RunAsync(Script, "create", $"wfp-test-{Guid.NewGuid():N}", limit);

        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [MemoryCgroupFact]
    public async Task A_process_in_the_cgroup_is_held_to_its_limit_and_the_report_counts_the_kill()
    {
        var (created, path) = await RunAsync(Script, "create", $"wfp-test-{Guid.NewGuid():N}", "32M");
        Assert.True(created == 0, path);
        path = path.Trim();
        try
        {
            // Within the limit: 8 MB touched. Over it: 96 MB touched, which the kernel can only answer with the OOM killer.
            var (small, smallOutput) = await RunInAsync(path, 8);
            Assert.True(small == 0, smallOutput);
            var (large, _) = await RunInAsync(path, 96);
            Assert.NotEqual(0, large);

            var (_, report) = await RunAsync(Script, "report", path);
            Assert.Contains("of 32 MB", report, StringComparison.Ordinal);
            Assert.Contains("OOM kills: 1", report, StringComparison.Ordinal);
        }
        finally
        {
            await RunAsync(Script, "remove", path);
        }

        Assert.False(Directory.Exists(path), $"{path} was not removed");
    }

    // The same way waiting-commands.sh starts the worker: the shell joins the cgroup, then becomes the process.
    static Task<(int Code, string Output)> RunInAsync(string cgroup, int megabytes) => RunAsync("sh", "-c",
        $"echo $$ > '{cgroup}/cgroup.procs' && exec python3 -c 'b = bytearray({megabytes} * 1024 * 1024); print(len(b))'");

    static Task<(int Code, string Output)> RunAsync(string file, params string[] args) => ScriptRun.RunAsync(file, args);
}
