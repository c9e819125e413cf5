using System.Net;
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

            // Each call resolves a new client and so a new HttpClient: the budget is shared by all of them.
            var calls = Enumerable.Range(0, 20).Select(_ => host.Client.DispatchNamespaces.ListAsync(host.Token)).ToList();
            await host.Clock.WaitForTimersAsync(due => due > TimeSpan.Zero && due <= TimeSpan.FromMinutes(1), count: 19);
            Assert.Single(host.Stub.Requests);

            // Budget 5 per 10 s with a burst of 1 refills one token every (10 s / 4) = 2.5 s.
            for (var sent = 2; sent <= 20; sent++)
            {
                host.Clock.Advance(TimeSpan.FromSeconds(2.5));
                await host.Stub.WaitForRequestsAsync(sent);
                Assert.Equal(sent, host.Stub.Requests.Count);
            }

            await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
            var times = host.Stub.Requests.Select(r => r.SentAt - TestClock.StartTime).ToList();
            Assert.Equal(Enumerable.Range(0, 20).Select(i => TimeSpan.FromSeconds(2.5 * i)), times);
            Assert.All(times, start => Assert.True(times.Count(t => t >= start && t < start + Window) <= 5));
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
        [Fact]
        public void FollowsAStricterServerPolicyButNeverALooserOne()
        {
            var clock = new TestClock();
            var budget = new AccountRequestBudget(1200, TimeSpan.FromMinutes(5), 60, clock);

            budget.ObservePolicy(100_000, TimeSpan.FromSeconds(1));
            Assert.Equal(60, budget.Available);

            budget.ObservePolicy(3, TimeSpan.FromSeconds(30));
            Assert.Equal(
                [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)],
                Enumerable.Range(0, 4).Select(_ => budget.ReserveDelay()));
        }

        [Fact]
        public void NeverHoldsMoreTokensThanCloudflareSaysRemain()
        {
            var clock = new TestClock();
            var budget = new AccountRequestBudget(1200, TimeSpan.FromMinutes(5), 60, clock);

            budget.ObserveRemaining(2, TimeSpan.FromSeconds(100));

            Assert.Equal(2, budget.Available);
        }

        [Fact]
        public async Task ShiftsQueuedCallersWhenDrained()
        {
            var clock = new TestClock();
            var budget = new AccountRequestBudget(5, TimeSpan.FromSeconds(10), 1, clock);
            await budget.AcquireAsync(CancellationToken.None);
            var queued = budget.AcquireAsync(CancellationToken.None).AsTask();
            await clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(2.5));

            budget.Drain(clock.GetUtcNow() + TimeSpan.FromSeconds(20));
            clock.Advance(TimeSpan.FromSeconds(2.5));
            await clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(20));
            Assert.False(queued.IsCompleted);

            clock.Advance(TimeSpan.FromSeconds(20));
            await queued.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(TimeSpan.FromSeconds(22.5), clock.Elapsed);
        }

        [Fact]
        public async Task GivesTheTokenBackWhenAWaiterIsCancelled()
        {
            var clock = new TestClock();
            var budget = new AccountRequestBudget(5, TimeSpan.FromSeconds(10), 1, clock);
            await budget.AcquireAsync(CancellationToken.None);
            using var cancellation = new CancellationTokenSource();
            var waiting = budget.AcquireAsync(cancellation.Token).AsTask();

            await cancellation.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            Assert.Equal(0, budget.Available);
        }
    }
}
