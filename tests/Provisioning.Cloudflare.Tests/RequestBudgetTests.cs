using System.Net;
using Provisioning.Cloudflare.Budget;
using Provisioning.Cloudflare.Http;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

/// <summary>The account-wide request budget, asserted on counts and the fake clock.</summary>
public class RequestBudgetTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private static CloudflareTestHost SmallBudget() => CloudflareTestHost.Create(o =>
    {
        o.RequestBudget = 5;
        o.RequestBudgetWindow = Window;
        o.RequestBudgetBurst = 1;
        // Exact slot arithmetic below; the padding has its own test.
        o.RequestBudgetWindowPadding = TimeSpan.Zero;

        // Keep the pipeline's own timers far from the budget's slots.
        o.Timeout = TimeSpan.FromMinutes(20);
        o.TotalTimeout = TimeSpan.FromMinutes(30);
    });

    public class UnderABurst
    {
        [Fact]
        public async Task SpacesRequestsSoNoWindowSeesMoreThanTheBudget()
        {
            using var host = SmallBudget();
            host.Stub.Fallback = _ => StubHttpMessageHandler.Envelope(HttpStatusCode.OK, "dispatch-namespaces.json");
            var slot = TimeSpan.FromSeconds(2.5);

            // Each call resolves a new client and so a new HttpClient: the budget is shared by all of them.
            var calls = Enumerable.Range(0, 20).Select(_ => host.Client.DispatchNamespaces.ListAsync(host.Token)).ToList();
            await host.Clock.WaitForTimersAsync(due => due == slot);
            await host.Stub.WaitForRequestsAsync(1);
            Assert.Single(host.Stub.Requests);

            // Budget 5 per 10 s with a burst of 1 refills one token every (10 s / 4) = 2.5 s; the queue's one pump sleeps that long.
            for (var sent = 2; sent <= 20; sent++)
            {
                await host.Clock.WaitForTimersAsync(due => due == slot, count: sent - 1);
                host.Clock.Advance(slot);
                await host.Stub.WaitForRequestsAsync(sent);
                Assert.Equal(sent, host.Stub.Requests.Count);
            }

            await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
            var times = host.Stub.Requests.Select(r => r.SentAt - TestClock.StartTime).ToList();
            Assert.Equal(Enumerable.Range(0, 20).Select(i => TimeSpan.FromSeconds(2.5 * i)), times);
            Assert.All(times, start => Assert.True(times.Count(t => t >= start && t < start + Window) <= 5));
        }

        [Fact]
        public async Task PacesOverTheWindowPlusThePaddingSoLateArrivalsStayWithinTheBudget()
        {
            using var host = CloudflareTestHost.Create(o =>
            {
                o.RequestBudget = 5;
                o.RequestBudgetWindow = Window;
                o.RequestBudgetBurst = 1;
                o.RequestBudgetWindowPadding = TimeSpan.FromSeconds(2);
                o.Timeout = TimeSpan.FromMinutes(20);
                o.TotalTimeout = TimeSpan.FromMinutes(30);
            });
            host.Stub.Fallback = _ => StubHttpMessageHandler.Envelope(HttpStatusCode.OK, "dispatch-namespaces.json");
            // (10 s + 2 s) / 4 refills = 3 s per token instead of 2.5 s.
            var slot = TimeSpan.FromSeconds(3);

            var calls = Enumerable.Range(0, 9).Select(_ => host.Client.DispatchNamespaces.ListAsync(host.Token)).ToList();
            await host.Stub.WaitForRequestsAsync(1);
            for (var sent = 2; sent <= 9; sent++)
            {
                await host.Clock.WaitForTimersAsync(due => due == slot, count: sent - 1);
                host.Clock.Advance(slot);
                await host.Stub.WaitForRequestsAsync(sent);
            }

            await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
            var times = host.Stub.Requests.Select(r => r.SentAt - TestClock.StartTime).ToList();
            Assert.Equal(Enumerable.Range(0, 9).Select(i => TimeSpan.FromSeconds(3 * i)), times);
            // The first request reaching Cloudflare 2 s late (a cold connection) still leaves its window within the budget.
            var arrivals = times.Select((t, i) => i == 0 ? t + TimeSpan.FromSeconds(2) : t).ToList();
            Assert.True(arrivals.Count(t => t >= arrivals[0] && t < arrivals[0] + Window) <= 5);
        }

        [Fact]
        public async Task LetsTheBurstGoAtOnce()
        {
            using var host = CloudflareTestHost.Create(o =>
            {
                o.RequestBudget = 10;
                o.RequestBudgetWindow = Window;
                o.RequestBudgetBurst = 3;
            });
            host.Stub.Fallback = _ => StubHttpMessageHandler.Envelope(HttpStatusCode.OK, "dispatch-namespaces.json");

            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.Client.DispatchNamespaces.ListAsync(host.Token)));

            Assert.Equal(3, host.Stub.Requests.Count);
            Assert.Equal(TimeSpan.Zero, host.Clock.Elapsed);
        }

        [Fact]
        public void DefaultsToABurstOfOnePercentSoTheRefillIsNinetyNinePercentOfTheBudget()
        {
            Assert.Equal(12, new CloudflareOptions().EffectiveRequestBudgetBurst);
            Assert.Equal(1, new CloudflareOptions { RequestBudget = 120 }.EffectiveRequestBudgetBurst);
        }
    }

    public class AfterA429
    {
        [Fact]
        public async Task HoldsEveryCallerUntilRetryAfterEvenWhenTheRetryGaveUp()
        {
            using var host = CloudflareTestHost.Create(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(60));
            host.Stub.Respond(HttpStatusCode.TooManyRequests, "error-rate-limited.json", ("Retry-After", "120"))
                .Respond(HttpStatusCode.OK, "dispatch-namespaces.json");

            await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(host.Token));
            var next = host.Client.DispatchNamespaces.ListAsync(host.Token);
            await host.Clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(120));
            Assert.Single(host.Stub.Requests);

            host.Clock.Advance(TimeSpan.FromSeconds(120));
            await next.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(TimeSpan.FromSeconds(120), host.Stub.Requests[1].SentAt - host.Stub.Requests[0].SentAt);
        }
    }

    public class ReadingRateLimitHeaders
    {
        [Fact]
        public async Task PausesUntilTheResetWhenNothingRemains()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "dispatch-namespaces.json", ("Ratelimit", "\"default\";r=0;t=30"))
                .Respond(HttpStatusCode.OK, "dispatch-namespaces.json");

            await host.Client.DispatchNamespaces.ListAsync(host.Token);
            var next = host.Client.DispatchNamespaces.ListAsync(host.Token);
            await host.Clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(30));
            Assert.Single(host.Stub.Requests);

            host.Clock.Advance(TimeSpan.FromSeconds(30));
            await next.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(2, host.Stub.Requests.Count);
        }

        [Fact]
        public async Task ReadsTheOlderXRateLimitHeaders()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "dispatch-namespaces.json", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "45"))
                .Respond(HttpStatusCode.OK, "dispatch-namespaces.json");

            await host.Client.DispatchNamespaces.ListAsync(host.Token);
            var next = host.Client.DispatchNamespaces.ListAsync(host.Token);
            await host.Clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(45));

            host.Clock.Advance(TimeSpan.FromSeconds(45));
            await next.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(2, host.Stub.Requests.Count);
        }
    }

    public class TheTokenBucket
    {
        private static readonly RequestBudgetLimits FivePerTenSeconds = RequestBudgetLimits.For(5, Window, 1);

        private static AccountRequestBudget Budget(TestClock clock, RequestBudgetLimits limits) =>
            new(CloudflareTestHost.AccountId, limits, TimeSpan.Zero, 0.2, new InProcessRequestBudgetStore(clock), clock);

        [Fact]
        public async Task FollowsAStricterServerPolicyButNeverALooserOne()
        {
            var clock = new TestClock();
            var configured = RequestBudgetLimits.For(1200, TimeSpan.FromMinutes(5), 60);
            var budget = Budget(clock, configured);

            budget.ObservePolicy(100_000, TimeSpan.FromSeconds(1));
            Assert.Equal(configured, budget.Limits);

            budget.ObservePolicy(3, TimeSpan.FromSeconds(30));
            Assert.Equal(new RequestBudgetLimits(2, TimeSpan.FromSeconds(30).Ticks), budget.Limits);

            await budget.AcquireAsync(RequestPriority.Foreground, retry: false, CancellationToken.None);
            await budget.AcquireAsync(RequestPriority.Foreground, retry: false, CancellationToken.None);
            var third = budget.AcquireAsync(RequestPriority.Foreground, retry: false, CancellationToken.None).AsTask();
            await clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(30));
            Assert.False(third.IsCompleted);
            clock.Advance(TimeSpan.FromSeconds(30));
            await third.WaitAsync(TimeSpan.FromSeconds(30));
        }

        [Fact]
        public async Task NeverHoldsMoreTokensThanCloudflareSaysRemain()
        {
            var clock = new TestClock();
            var store = new InProcessRequestBudgetStore(clock);
            var limits = RequestBudgetLimits.For(1200, TimeSpan.FromMinutes(5), 60);

            await store.LimitAsync(CloudflareTestHost.AccountId, limits, 2, CancellationToken.None);
            var grant = await store.TakeAsync(new RequestBudgetTake(CloudflareTestHost.AccountId, limits, 5, RequestPriority.Foreground, 0), CancellationToken.None);

            Assert.Equal(2, grant.Granted);
            Assert.Equal(0, grant.Tokens);
        }

        [Fact]
        public async Task HoldsQueuedCallersThroughAPauseAndStartsAgainWithOneToken()
        {
            var clock = new TestClock();
            var budget = Budget(clock, FivePerTenSeconds);
            await budget.AcquireAsync(RequestPriority.Foreground, retry: false, CancellationToken.None);
            var queued = budget.AcquireAsync(RequestPriority.Foreground, retry: false, CancellationToken.None).AsTask();
            await clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(2.5));

            await budget.PauseAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(2.5));

            // Still paused for 17.5 s; when the pause ends exactly one request may go.
            await clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(17.5));
            Assert.False(queued.IsCompleted);
            clock.Advance(TimeSpan.FromSeconds(17.5));
            await queued.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(TimeSpan.FromSeconds(20), clock.Elapsed);
        }

        [Fact]
        public async Task ACancelledWaiterTakesNoToken()
        {
            var clock = new TestClock();
            var budget = Budget(clock, FivePerTenSeconds);
            await budget.AcquireAsync(RequestPriority.Foreground, retry: false, CancellationToken.None);
            using var cancellation = new CancellationTokenSource();
            var waiting = budget.AcquireAsync(RequestPriority.Foreground, retry: false, cancellation.Token).AsTask();
            await clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(2.5));

            await cancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            clock.Advance(TimeSpan.FromSeconds(2.5));

            // The token refilled meanwhile is still there for the next caller.
            var next = await budget.AcquireAsync(RequestPriority.Foreground, retry: false, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(next.Delayed);
        }

        [Fact]
        public async Task AFailingStoreFailsTheWaitersInsteadOfHangingThem()
        {
            var clock = new TestClock();
            var budget = new AccountRequestBudget(CloudflareTestHost.AccountId, FivePerTenSeconds, TimeSpan.Zero, 0.2, new FailingStore(), clock);

            await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                await budget.AcquireAsync(RequestPriority.Foreground, retry: false, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        }

        private sealed class FailingStore : IRequestBudgetStore
        {
            public ValueTask<RequestBudgetGrant> TakeAsync(RequestBudgetTake take, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("the database is down");

            public ValueTask PauseAsync(string accountId, RequestBudgetLimits limits, TimeSpan pause, CancellationToken cancellationToken) =>
                ValueTask.CompletedTask;

            public ValueTask LimitAsync(string accountId, RequestBudgetLimits limits, int remaining, CancellationToken cancellationToken) =>
                ValueTask.CompletedTask;

            public ValueTask<RequestBudgetReading> ReadAsync(string accountId, RequestBudgetLimits limits, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("the database is down");
        }
    }
}
