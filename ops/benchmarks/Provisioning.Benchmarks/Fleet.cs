using System.Diagnostics;
using System.Globalization;

namespace Provisioning.Benchmarks;

/// <summary>
/// Replicas of the worker with the same settings, so the same broker, database and Cloudflare account: worker hosts in
/// this process, the first of which is the observer (commands are published through it and outcomes read from it) and
/// stays up; or worker processes, each with a CPU limit, watched by an <see cref="OutcomeObserver"/> of this process.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    readonly Func<Task<IReplica>> _start;
    readonly OutcomeObserver? _observer;
    readonly List<IReplica> _replicas = [];
    readonly List<string> _events = [];
    readonly Stopwatch _clock = new();
    int _started;

    Fleet(Func<Task<IReplica>> start, OutcomeObserver? observer)
    {
        _start = start;
        _observer = observer;
    }

    public IOutcomeObserver Observer => _observer ?? (IOutcomeObserver)_replicas[0];

    /// <summary>The replicas that are worker processes (none in the in-process mode).</summary>
    public IReadOnlyList<ReplicaProcess> Processes => _replicas.OfType<ReplicaProcess>().ToList();

    /// <summary>What the churn did, with the time since it started.</summary>
    public IReadOnlyList<string> Events => _events;

    /// <summary>Worker hosts in this process; none runs until <see cref="GrowAsync"/>.</summary>
    public static Fleet InProcess(IDictionary<string, string?> settings) => new(async () => await WorkerUnderTest.StartAsync(settings), observer: null);

    /// <summary>
    /// Worker processes, each in a CPU cgroup of <paramref name="cpus"/> cores, their output in <paramref name="logDirectory"/>;
    /// none runs until <see cref="GrowAsync"/>, so the caller can put the fleet on its cleanup stack first.
    /// </summary>
    public static async Task<Fleet> ForProcessesAsync(IDictionary<string, string?> settings, double cpus, string logDirectory, string run)
    {
        var worker = ReplicaProcess.LocateWorker();
        var environment = WorkerEnvironment.From(settings);
        Console.WriteLine($"Replicas: {worker} as processes, {cpus.ToString(CultureInfo.InvariantCulture)} CPU each, output in {logDirectory}; settings as environment variables {WorkerEnvironment.Describe(environment)}");
        var observer = await OutcomeObserver.StartAsync(new Uri(settings["RabbitMq:Uri"]!));
        var index = 0;
        return new Fleet(async () =>
        {
            var cgroup = CpuCgroup.Create($"wfp-bench-{run}-{++index}", cpus);
            try
            {
                return await ReplicaProcess.StartAsync(worker, environment, cgroup, logDirectory);
            }
            catch
            {
                cgroup.Dispose();
                throw;
            }
        }, observer);
    }

    /// <summary>Until <paramref name="stop"/>: every <paramref name="interval"/> take away a replica other than the observer, then add one, in turn.</summary>
    public async Task ChurnAsync(TimeSpan interval, CancellationToken stop)
    {
        _clock.Restart();
        try
        {
            for (var kill = true; ; kill = !kill)
            {
                await Task.Delay(interval, stop);
                if (kill && _replicas.Count > 1)
                {
                    var victim = _replicas[^1];
                    _replicas.Remove(victim);
                    Log($"stopping a replica, {_replicas.Count} left");
                    await victim.StopAsync();
                    Log("stopped");
                }
                else
                {
                    await AddAsync();
                    Log($"added a replica, {_replicas.Count} running");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Enumerable.Reverse(_replicas))
        {
            await replica.DisposeAsync();
        }

        if (_observer is not null)
        {
            await _observer.DisposeAsync();
        }
    }

    /// <summary>Starts replicas until <paramref name="count"/> run.</summary>
    public async Task GrowAsync(int count)
    {
        while (_replicas.Count < count)
        {
            await AddAsync();
        }
    }

    async Task AddAsync()
    {
        _replicas.Add(await _start());
        _started++;
    }

    void Log(string what)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds:F0} s: {what} ({_started} started in all)");
        _events.Add(line);
        Console.WriteLine($"  fleet: {line}");
    }
}
