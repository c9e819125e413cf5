namespace Provisioning.Benchmarks.Tests;

/// <summary>The cgroup file systems stood in for by a temporary directory laid out as the kernel's.</summary>
public sealed class CpuCgroupTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("wfp-cgroup-").FullName;

    [Theory]
    [InlineData(0.25, 25_000)]
    [InlineData(0.3, 30_000)]
    [InlineData(1.5, 150_000)]
    [InlineData(0.01, 1_000)]
    public void The_quota_is_cores_times_the_period(double cores, long quota) =>
        Assert.Equal(quota, CpuCgroup.QuotaMicroseconds(cores));

    [Fact]
    public void With_cgroup_v1_the_cpu_controller_gets_a_quota_per_period()
    {
        Directory.CreateDirectory(Path.Combine(_root, "cpu"));
        File.WriteAllText(Path.Combine(_root, "cpu", "cpu.cfs_quota_us"), "-1");

        var cgroup = CpuCgroup.Create("replica-1", 0.25, _root);

        var directory = Path.Combine(_root, "cpu", "replica-1");
        Assert.Equal("25000", File.ReadAllText(Path.Combine(directory, "cpu.cfs_quota_us")));
        Assert.Equal("100000", File.ReadAllText(Path.Combine(directory, "cpu.cfs_period_us")));
        Assert.Equal(Path.Combine(directory, "cgroup.procs"), cgroup.ProcsFile);
        Assert.StartsWith("cgroup v1 ", cgroup.Limit, StringComparison.Ordinal);
    }

    [Fact]
    public void With_cgroup_v2_cpu_max_is_written_once_the_parent_hands_down_the_cpu_controller()
    {
        File.WriteAllText(Path.Combine(_root, "cgroup.controllers"), "cpuset cpu io memory pids\n");
        File.WriteAllText(Path.Combine(_root, "cgroup.subtree_control"), "memory\n");

        var cgroup = CpuCgroup.Create("replica-1", 0.4, _root);

        Assert.Equal("+cpu", File.ReadAllText(Path.Combine(_root, "cgroup.subtree_control")));
        Assert.Equal("40000 100000", File.ReadAllText(Path.Combine(_root, "replica-1", "cpu.max")));
        Assert.Equal(Path.Combine(_root, "replica-1", "cgroup.procs"), cgroup.ProcsFile);
    }

    [Fact]
    public void Without_a_cpu_controller_it_says_what_it_needs_and_creates_nothing()
    {
        File.WriteAllText(Path.Combine(_root, "cgroup.controllers"), "memory pids\n");

        var error = Assert.Throws<InvalidOperationException>(() => CpuCgroup.Create("replica-1", 0.5, _root));

        Assert.StartsWith("--replica-cpus needs a writable CPU cgroup", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "replica-1")));
    }

    [Fact]
    public void Throttling_is_read_from_cpu_stat()
    {
        Directory.CreateDirectory(Path.Combine(_root, "cpu"));
        File.WriteAllText(Path.Combine(_root, "cpu", "cpu.cfs_quota_us"), "-1");
        var cgroup = CpuCgroup.Create("replica-1", 0.25, _root);
        File.WriteAllText(Path.Combine(_root, "cpu", "replica-1", "cpu.stat"), "nr_periods 120\nnr_throttled 30\nthrottled_time 5000000\n");

        Assert.Equal((120L, 30L), cgroup.ReadThrottling());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
