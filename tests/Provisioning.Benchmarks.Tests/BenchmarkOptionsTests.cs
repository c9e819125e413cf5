namespace Provisioning.Benchmarks.Tests;

public class BenchmarkOptionsTests
{
    static readonly string[] Fleet = ["--transport", "rabbitmq", "--database", "postgres", "--replicas", "3"];

    [Fact]
    public void Replicas_run_in_this_process_by_default()
    {
        var options = BenchmarkOptions.Parse(Fleet, out var error);

        Assert.Null(error);
        Assert.Null(options!.ReplicaCpus);
        Assert.DoesNotContain("cpu", options.ScenarioKey, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.25", 0.25)]
    [InlineData("0.5", 0.5)]
    [InlineData("1", 1.0)]
    public void Replica_cpus_takes_cores(string value, double cores)
    {
        var options = BenchmarkOptions.Parse([.. Fleet, "--replica-cpus", value], out var error);

        Assert.Null(error);
        Assert.Equal(cores, options!.ReplicaCpus);
    }

    [Fact]
    public void Replica_cpus_is_in_the_scenario_key_and_title()
    {
        var options = BenchmarkOptions.Parse([.. Fleet, "--latency", "200", "--sdk-baseline", "on", "--replica-cpus", "0.3"], out _)!;

        Assert.Equal("rabbitmq-postgres-n50-r3-latency200ms-sdk-processes-cpu0.3", options.ScenarioKey);
        Assert.EndsWith(", every replica a worker process limited to 0.3 CPU", options.ScenarioTitle, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("half")]
    [InlineData("0,5")]
    [InlineData("1000")]
    public void Replica_cpus_rejects_what_is_not_a_core_count(string value)
    {
        var options = BenchmarkOptions.Parse([.. Fleet, "--replica-cpus", value], out var error);

        Assert.Null(options);
        Assert.StartsWith("--replica-cpus needs cores from 0.01 to ", error, StringComparison.Ordinal);
        Assert.Contains($"got '{value}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inmemory", "postgres")]
    [InlineData("rabbitmq", "sqlite")]
    public void Replica_cpus_needs_rabbitmq_and_postgres(string transport, string database)
    {
        var options = BenchmarkOptions.Parse(["--transport", transport, "--database", database, "--replica-cpus", "0.5"], out var error);

        Assert.Null(options);
        Assert.Equal("--replica-cpus needs --transport rabbitmq --database postgres", error);
    }
}
