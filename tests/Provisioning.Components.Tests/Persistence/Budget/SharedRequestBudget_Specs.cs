using System.Collections.Concurrent;
using System.Diagnostics;
using Provisioning.Cloudflare;
using Provisioning.Cloudflare.Budget;
using Provisioning.Cloudflare.Http;
using Provisioning.Components.Persistence.Budget;
using Provisioning.Components.Tests.Persistence.Databases;

namespace Provisioning.Components.Tests.Persistence.Budget;

/// <summary>
/// Several replicas (each its own <see cref="PostgresRequestBudgetStore"/> and connection pool, with the client's
/// per-account queue in front) sharing one account's budget row, on the real clock.
/// </summary>
public sealed class SharedRequestBudget_Specs(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    // 21 per 2 s with a burst of 1: one token every 100 ms, so no 2-s window can hold more than 21.
    const int Budget = 21;
    static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    static readonly RequestBudgetLimits Limits = RequestBudgetLimits.For(Budget, Window, 1);

    readonly string _accountId = Guid.NewGuid().ToString("N");
    readonly List<PostgresRequestBudgetStore> _stores = [];

    public Task InitializeAsync() => BudgetDatabase.MigrateAsync(database);

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Should_never_let_the_fleet_exceed_the_budget_in_any_window()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => Replica()).ToList();
        var grants = new ConcurrentQueue<(int Replica, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        using var run = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        await Task.WhenAll(replicas.SelectMany((replica, i) => Enumerable.Range(0, 10).Select(_ => KeepAcquiringAsync(replica, i, grants, clock, run.Token))));

        var times = grants.Select(g => g.At).Order().ToList();
        var busiest = times.Max(start => times.Count(t => t >= start && t < start + Window));
        Assert.True(busiest <= Budget, $"{busiest} grants in one {Window.TotalSeconds} s window");
        // Not merely safe by starving: 5 s at 10 per second plus the burst is 51 at most; a busy machine (each grant is a
        // PostgreSQL round trip) gets fewer, and a bucket that starved the fleet would give a handful.
        Assert.InRange(times.Count, 30, 52);
        Assert.All(Enumerable.Range(0, 4), i => Assert.Contains(grants, g => g.Replica == i));
    }

    [Fact]
    public async Task Should_let_the_others_use_a_dead_replicas_share_at_once()
    {
        var doomed = Replica();
        var survivor = Replica();
        var grants = new ConcurrentQueue<(int Replica, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        using var doomedRun = new CancellationTokenSource();
        using var survivorRun = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var doomedCallers = Enumerable.Range(0, 10).Select(_ => KeepAcquiringAsync(doomed, 0, grants, clock, doomedRun.Token)).ToList();
        var survivorCallers = Enumerable.Range(0, 10).Select(_ => KeepAcquiringAsync(survivor, 1, grants, clock, survivorRun.Token)).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        // Killed: its connection pool is gone and its callers with it (they fail; nothing is handed back, nothing was held).
        await _stores[0].DisposeAsync();
        await doomedRun.CancelAsync();
        var killedAt = clock.Elapsed;
        await Task.WhenAll(survivorCallers);
        await Task.WhenAll(doomedCallers.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));

        Assert.Contains(grants, g => g.Replica == 0);
        var afterKill = grants.Where(g => g.Replica == 1 && g.At > killedAt + TimeSpan.FromMilliseconds(200)).Select(g => g.At).Order().ToList();
        var span = (survivorRun.Token.IsCancellationRequested ? clock.Elapsed : TimeSpan.FromSeconds(4)) - killedAt - TimeSpan.FromMilliseconds(200);
        // The survivor alone now gets the whole refill (10 per second), clearly more than the half (5) it had; the margin
        // below 10 is for a busy machine, where every grant is a slower PostgreSQL round trip.
        Assert.True(afterKill.Count >= 0.65 * span.TotalSeconds * 10, $"{afterKill.Count} grants in {span.TotalSeconds:F1} s after the kill");
    }

    [Fact]
    public async Task Should_pause_every_replica_when_one_of_them_saw_a_429()
    {
        var seen = Replica();
        var other = Replica();
        await other.AcquireAsync(RequestPriority.Foreground, retry: false, CancellationToken.None);

        await seen.PauseAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        var waited = Stopwatch.StartNew();
        var wait = await other.AcquireAsync(RequestPriority.Foreground, retry: false, CancellationToken.None);

        Assert.True(wait.Delayed);
        Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(1.8), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Should_keep_the_reserve_for_foreground_work_waiting_on_another_replica()
    {
        var limits = new RequestBudgetLimits(10, TimeSpan.TicksPerSecond / 10.0);
        var foregroundReplica = Store();
        var backgroundReplica = Store();

        var first = await foregroundReplica.TakeAsync(new RequestBudgetTake(_accountId, limits, 12, RequestPriority.Foreground, 2), CancellationToken.None);
        var marked = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(10, first.Granted);
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var background = await backgroundReplica.TakeAsync(new RequestBudgetTake(_accountId, limits, 10, RequestPriority.Background, 2), CancellationToken.None);
        // The foreground mark lasts RequestBudgetRules.ForegroundHold past its next attempt: a machine too busy to come
        // back within it has nothing to assert about the reserve (seen once in CI under load: all 10 went to background).
        if (marked.Elapsed >= RequestBudgetRules.ForegroundHold)
        {
            Assert.InRange(background.Granted, 1, 10);
            return;
        }

        Assert.InRange(background.Granted, 1, 7);
        Assert.InRange(background.Tokens, 2, 3);
        Assert.Equal(0, (await backgroundReplica.TakeAsync(new RequestBudgetTake(_accountId, limits, 1, RequestPriority.Background, 2), CancellationToken.None)).Granted);
        Assert.Equal(2, (await foregroundReplica.TakeAsync(new RequestBudgetTake(_accountId, limits, 2, RequestPriority.Foreground, 2), CancellationToken.None)).Granted);
    }

    [Fact]
    public async Task Should_cap_the_bucket_at_what_Cloudflare_says_remains()
    {
        var limits = new RequestBudgetLimits(10, TimeSpan.TicksPerHour);
        var store = Store();
        await store.LimitAsync(_accountId, limits, 3, CancellationToken.None);

        var grant = await Store().TakeAsync(new RequestBudgetTake(_accountId, limits, 10, RequestPriority.Foreground, 2), CancellationToken.None);

        Assert.Equal(3, grant.Granted);
        Assert.True(grant.RetryAfter > TimeSpan.FromMinutes(50));
    }

    PostgresRequestBudgetStore Store()
    {
        var store = new PostgresRequestBudgetStore(database.ConnectionString);
        _stores.Add(store);
        return store;
    }

    AccountRequestBudget Replica() => new(_accountId, Limits, TimeSpan.Zero, 0.2, Store(), TimeProvider.System);

    static async Task KeepAcquiringAsync(AccountRequestBudget replica, int index, ConcurrentQueue<(int, TimeSpan)> grants, Stopwatch clock, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await replica.AcquireAsync(RequestPriority.Foreground, retry: false, stop);
                grants.Enqueue((index, clock.Elapsed));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
