using System.Collections.Concurrent;
using System.Net;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

/// <summary>The ambient observer of long budget waits (<see cref="CloudflareBudgetWaits"/>), asserted on the fake clock.</summary>
public class RequestBudgetWaitObserverTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    // Budget 5 per 10 s with a burst of 1: one token every 2.5 s; budget 21: one every 0.5 s.
    private static CloudflareTestHost Budget(int requests)
    {
        var host = CloudflareTestHost.Create(o =>
        {
            o.RequestBudget = requests;
            o.RequestBudgetWindow = Window;
            o.RequestBudgetBurst = 1;
            o.RequestBudgetWindowPadding = TimeSpan.Zero;
            o.Timeout = TimeSpan.FromMinutes(20);
            o.TotalTimeout = TimeSpan.FromMinutes(30);
        });
        host.Stub.Fallback = _ => StubHttpMessageHandler.Envelope(HttpStatusCode.OK, "dispatch-namespaces.json");
        return host;
    }

    [Fact]
    public async Task AWaitShorterThanTheThresholdTellsTheObserverNothing()
    {
        using var host = Budget(21);
        var observer = new RecordingObserver();
        using var observing = CloudflareBudgetWaits.Observe(observer);

        var calls = Enumerable.Range(0, 2).Select(_ => host.Client.DispatchNamespaces.ListAsync(host.Token)).ToList();
        await host.Clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(0.5));
        host.Clock.Advance(TimeSpan.FromSeconds(0.5));
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, host.Stub.Requests.Count);
        Assert.Empty(observer.Calls);
    }

    [Fact]
    public async Task AWaitPastTheThresholdIsToldOnceWhenItCrossesAndOnceWhenTheRequestGoes()
    {
        using var host = Budget(5);
        var observer = new RecordingObserver();
        using var observing = CloudflareBudgetWaits.Observe(observer);
        using var background = CloudflareRequestPriority.Background();

        var calls = Enumerable.Range(0, 2).Select(_ => host.Client.DispatchNamespaces.ListAsync(host.Token)).ToList();
        await host.Clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(2.5));
        await host.Clock.WaitForTimersAsync(due => due == CloudflareBudgetWaits.Threshold, count: 2);
        // The first request has its token once it is sent: only the second one's wait can pass the threshold.
        await host.Stub.WaitForRequestsAsync(1);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var started = await observer.NextAsync();
        Assert.Equal(("started", TimeSpan.Zero), (started.Kind, started.Waited));
        Assert.Equal(TestClock.StartTime, started.Notice.Since);
        Assert.Equal(RequestPriority.Background, started.Notice.Priority);
        Assert.Equal("GET", started.Notice.Method);
        Assert.Contains("dispatch", started.Notice.Route, StringComparison.Ordinal);
        Assert.Single(host.Stub.Requests);

        host.Clock.Advance(TimeSpan.FromSeconds(1.5));
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        var ended = await observer.NextAsync();
        Assert.Equal(("ended", TimeSpan.FromSeconds(2.5)), (ended.Kind, ended.Waited));
        Assert.Same(started.Notice, ended.Notice);
        Assert.Equal(2, observer.Calls.Count);
        // The observer logs the wait with what it knows of the caller; the client does not log it a second time.
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains("for the account's request budget", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACancelledWaitIsStillToldItsEnd()
    {
        using var host = Budget(5);
        var observer = new RecordingObserver();
        using var observing = CloudflareBudgetWaits.Observe(observer);
        await host.Client.DispatchNamespaces.ListAsync(host.Token);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(host.Token);

        var waiting = host.Client.DispatchNamespaces.ListAsync(cancellation.Token);
        await host.Clock.WaitForTimersAsync(due => due == CloudflareBudgetWaits.Threshold);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("started", (await observer.NextAsync()).Kind);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("ended", (await observer.NextAsync()).Kind);
    }

    private sealed record Call(string Kind, RequestBudgetWaitNotice Notice, TimeSpan Waited);

    private sealed class RecordingObserver : IRequestBudgetWaitObserver
    {
        private readonly ConcurrentQueue<Call> _calls = new();
        private readonly SemaphoreSlim _arrived = new(0);
        private int _read;

        public IReadOnlyList<Call> Calls => _calls.ToList();

        public ValueTask WaitStartedAsync(RequestBudgetWaitNotice wait, CancellationToken cancellationToken) => Record(new Call("started", wait, TimeSpan.Zero));

        public ValueTask WaitEndedAsync(RequestBudgetWaitNotice wait, TimeSpan waited, CancellationToken cancellationToken) => Record(new Call("ended", wait, waited));

        public async Task<Call> NextAsync()
        {
            Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(30)), "the observer was not called");
            return _calls.ElementAt(_read++);
        }

        private ValueTask Record(Call call)
        {
            _calls.Enqueue(call);
            _arrived.Release();
            return ValueTask.CompletedTask;
        }
    }
}
