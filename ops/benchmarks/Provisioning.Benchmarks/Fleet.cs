using System.Diagnostics;
using System.Globalization;

namespace Provisioning.Benchmarks;

/// <summary>
/// Worker hosts in this process acting as replicas: the same settings, so the same broker, database and Cloudflare
/// account. The first one is the observer (commands are published through it and outcomes read from it) and stays up.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    readonly IDictionary<string, string?> _settings;
    readonly List<WorkerUnderTest> _replicas = [];
    readonly List<string> _events = [];
    readonly Stopwatch _clock = new();
    int _started;

    Fleet(IDictionary<string, string?> settings) => _settings = settings;

    public WorkerUnderTest Observer => _replicas[0];

    /// <summary>What the churn did, with the time since it started.</summary>
    public IReadOnlyList<string> Events => _events;

    public static async Task<Fleet> StartAsync(IDictionary<string, string?> settings, int replicas)
    {
        var fleet = new Fleet(settings);
        for (var i = 0; i < replicas; i++)
        {
            await fleet.AddAsync();
        }

        return fleet;
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
        _replicas.Add(await WorkerUnderTest.StartAsync(_settings));
        _started++;
    }

    void Log(string what)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds:F0} s: {what} ({_started} started in all)");
        _events.Add(line);
        Console.WriteLine($"  fleet: {line}");
    }
}
