using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioning.Cloudflare.Budget;
using Provisioning.Cloudflare.Http;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

/// <summary>Foreground work (what a customer waits for) goes before background work, in one replica and across replicas.</summary>
public class RequestPriorityTests
{
    private static readonly RequestBudgetLimits TenPerSecondBucket = new(10, TimeSpan.TicksPerSecond / 10);

    public class TheAmbientScope
    {
        [Fact]
        public async Task IsForegroundUnlessABackgroundScopeIsOpenAndFlowsAcrossAwaits()
        {
            Assert.Equal(RequestPriority.Foreground, CloudflareRequestPriority.Current);
            using (CloudflareRequestPriority.Background())
            {
                await Task.Yield();
                Assert.Equal(RequestPriority.Background, CloudflareRequestPriority.Current);
                using (CloudflareRequestPriority.Foreground())
                {
                    Assert.Equal(RequestPriority.Foreground, await Task.Run(() => CloudflareRequestPriority.Current));
                }

                Assert.Equal(RequestPriority.Background, await Task.Run(() => CloudflareRequestPriority.Current));
            }

            Assert.Equal(RequestPriority.Foreground, CloudflareRequestPriority.Current);
        }
    }

    public class InOneReplica
    {
        [Fact]
        public async Task QueuedForegroundCallersGoBeforeBackgroundOnesThatCameEarlier()
        {
            var clock = new TestClock();
            var budget = new AccountRequestBudget(CloudflareTestHost.AccountId, RequestBudgetLimits.For(5, TimeSpan.FromSeconds(10), 1), TimeSpan.Zero, 0.2, new InProcessRequestBudgetStore(clock), clock);
            await budget.AcquireAsync(RequestPriority.Foreground, retry: false, CancellationToken.None);
            var order = new ConcurrentQueue<string>();
            Task Queue(string name, RequestPriority priority) =>
                budget.AcquireAsync(priority, retry: false, CancellationToken.None).AsTask().ContinueWith(_ => order.Enqueue(name), TaskScheduler.Default);

            var callers = new List<Task> { Queue("background 1", RequestPriority.Background), Queue("background 2", RequestPriority.Background) };
            await clock.WaitForTimersAsync(due => due > TimeSpan.Zero);
            callers.Add(Queue("foreground 1", RequestPriority.Foreground));
            callers.Add(Queue("foreground 2", RequestPriority.Foreground));

            await AdvanceUntilAsync(clock, () => callers.All(c => c.IsCompleted));

            Assert.Equal(["foreground 1", "foreground 2", "background 1", "background 2"], order);
        }
    }

    public class AcrossReplicas
    {
        [Fact]
        public async Task BackgroundLeavesTheReserveWhileForegroundWorkWaitsElsewhere()
        {
            var clock = new TestClock();
            var store = new InProcessRequestBudgetStore(clock);

            // Replica A's foreground work wants more than there is: it takes all 10 and marks the fleet as waiting.
            Assert.Equal(10, (await Take(store, 12, RequestPriority.Foreground)).Granted);
            clock.Advance(TimeSpan.FromSeconds(0.5));

            // Replica B's background work may take only what exceeds the reserve (20% of 10) while that mark stands.
            Assert.Equal(3, (await Take(store, 5, RequestPriority.Background)).Granted);
            var heldBack = await Take(store, 1, RequestPriority.Background);
            Assert.Equal(0, heldBack.Granted);
            Assert.Equal(2, heldBack.Tokens);

            // The reserve is there for the foreground work at once.
            Assert.Equal(2, (await Take(store, 2, RequestPriority.Foreground)).Granted);
        }

        [Fact]
        public async Task BackgroundMayUseTheWholeBudgetWhenNoForegroundWorkWaits()
        {
            var clock = new TestClock();
            var store = new InProcessRequestBudgetStore(clock);

            Assert.Equal(10, (await Take(store, 20, RequestPriority.Background)).Granted);
            clock.Advance(TimeSpan.FromSeconds(0.3));
            Assert.Equal(3, (await Take(store, 20, RequestPriority.Background)).Granted);
        }

        [Fact]
        public async Task TheForegroundMarkLapsesSoonAfterForegroundWorkStopsWaiting()
        {
            var clock = new TestClock();
            var store = new InProcessRequestBudgetStore(clock);
            Assert.Equal(10, (await Take(store, 11, RequestPriority.Foreground)).Granted);

            // The foreground caller would have asked again after 0.1 s (one token's refill); the mark outlives that by ForegroundHold.
            clock.Advance(TimeSpan.FromSeconds(0.1) + RequestBudgetRules.ForegroundHold);
            Assert.Equal(5, (await Take(store, 5, RequestPriority.Background)).Granted);
        }

        private static async Task<RequestBudgetGrant> Take(InProcessRequestBudgetStore store, int count, RequestPriority priority) =>
            await store.TakeAsync(new RequestBudgetTake(CloudflareTestHost.AccountId, TenPerSecondBucket, count, priority, 0.2 * TenPerSecondBucket.Capacity), CancellationToken.None);
    }

    public class ThroughTheClient
    {
        [Fact]
        public async Task ForegroundCallsOvertakeBackgroundScopesAndEveryWaitIsCountedAndLogged()
        {
            using var host = CloudflareTestHost.Create(o =>
            {
                o.RequestBudget = 5;
                o.RequestBudgetWindow = TimeSpan.FromSeconds(10);
                o.RequestBudgetWindowPadding = TimeSpan.Zero;
                o.RequestBudgetBurst = 1;
                o.Timeout = TimeSpan.FromMinutes(20);
                o.TotalTimeout = TimeSpan.FromMinutes(30);
            });
            host.Stub.Fallback = _ => StubHttpMessageHandler.Envelope(HttpStatusCode.OK, "dispatch-namespaces.json");
            var waits = new ConcurrentQueue<string>();
            using var listener = ListenToBudgetWaits(host, waits);

            await host.Client.DispatchNamespaces.ListAsync(host.Token);
            Task background;
            using (CloudflareRequestPriority.Background())
            {
                background = host.Client.DispatchNamespaces.ListAsync(host.Token);
            }

            await host.Clock.WaitForTimersAsync(due => due > TimeSpan.Zero && due <= TimeSpan.FromSeconds(10));
            var foreground = host.Client.DispatchNamespaces.ListAsync(host.Token);

            await AdvanceUntilAsync(host.Clock, () => foreground.IsCompleted);
            Assert.False(background.IsCompleted);
            await AdvanceUntilAsync(host.Clock, () => background.IsCompleted);
            await Task.WhenAll(foreground, background);

            Assert.Equal(["foreground", "background"], waits);
            var logged = host.Logs.Entries.Where(e => e.Message.Contains("for the account's request budget", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, logged.Count);
            Assert.All(logged, e => Assert.Equal(LogLevel.Information, e.Level));
            Assert.Equal([RequestPriority.Foreground, RequestPriority.Background], logged.Select(e => e.Property("BudgetPriority")));
        }

        private static MeterListener ListenToBudgetWaits(CloudflareTestHost host, ConcurrentQueue<string> waits)
        {
            var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
            var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Name == "cloudflare.budget.waits")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "cloudflare.budget.priority")
                    {
                        waits.Enqueue((string)tag.Value!);
                    }
                }
            });
            listener.Start();
            return listener;
        }
    }

    // Moves the fake clock in small steps, giving the pump a moment of real time after each, until done.
    private static async Task AdvanceUntilAsync(TestClock clock, Func<bool> done)
    {
        for (var step = 0; step < 400 && !done(); step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5);
        }

        Assert.True(done(), "still waiting after 100 s on the fake clock");
    }
}
