using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Provisioning.Worker.Memory;

namespace Provisioning.Integration.Tests;

/// <summary>The release of free memory once a burst of work is over (section "Memory").</summary>
public sealed class IdleMemoryReleaseTests
{
    const long MiB = 1024 * 1024;
    static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    static IdleReleasePolicy Policy(TimeSpan? idle = null, long minimum = 32 * MiB) =>
        new(new MemoryReleaseOptions { ReleaseAfterIdle = idle ?? TimeSpan.FromSeconds(30), MinimumAllocatedBytes = minimum }, Start);

    [Fact]
    public void A_burst_is_released_once_its_last_message_is_the_idle_time_old()
    {
        var policy = Policy();

        Assert.False(policy.ShouldRelease(Start.AddSeconds(1), consumed: 500, allocatedBytes: 400 * MiB));
        Assert.False(policy.ShouldRelease(Start.AddSeconds(20), consumed: 900, allocatedBytes: 700 * MiB));
        Assert.False(policy.ShouldRelease(Start.AddSeconds(49), consumed: 900, allocatedBytes: 701 * MiB));
        Assert.True(policy.ShouldRelease(Start.AddSeconds(50), consumed: 900, allocatedBytes: 701 * MiB));
    }

    [Fact]
    public void After_a_release_it_waits_for_new_work()
    {
        var policy = Policy();
        policy.ShouldRelease(Start.AddSeconds(1), consumed: 10, allocatedBytes: 100 * MiB);
        Assert.True(policy.ShouldRelease(Start.AddSeconds(31), consumed: 10, allocatedBytes: 100 * MiB));
        policy.Released(allocatedBytes: 101 * MiB);

        // Idle allocations (sweeps, health probes) reach the minimum again, but no message was consumed.
        Assert.False(policy.ShouldRelease(Start.AddMinutes(30), consumed: 10, allocatedBytes: 500 * MiB));

        Assert.False(policy.ShouldRelease(Start.AddMinutes(31), consumed: 11, allocatedBytes: 540 * MiB));
        Assert.True(policy.ShouldRelease(Start.AddMinutes(31).AddSeconds(30), consumed: 11, allocatedBytes: 540 * MiB));
    }

    [Fact]
    public void Work_that_allocated_less_than_the_minimum_is_not_worth_a_release()
    {
        var policy = Policy(minimum: 32 * MiB);
        policy.ShouldRelease(Start, consumed: 0, allocatedBytes: 10 * MiB);
        policy.Released(allocatedBytes: 10 * MiB);

        policy.ShouldRelease(Start.AddSeconds(1), consumed: 3, allocatedBytes: 20 * MiB);
        Assert.False(policy.ShouldRelease(Start.AddMinutes(5), consumed: 3, allocatedBytes: 41 * MiB));
        Assert.True(policy.ShouldRelease(Start.AddMinutes(6), consumed: 3, allocatedBytes: 42 * MiB));
    }

    [Fact]
    public void No_work_at_all_is_no_burst()
    {
        var policy = Policy(minimum: 0);

        Assert.False(policy.ShouldRelease(Start.AddHours(1), consumed: 0, allocatedBytes: 900 * MiB));
    }

    [Fact]
    public void A_zero_idle_time_turns_the_release_off()
    {
        var policy = Policy(idle: TimeSpan.Zero, minimum: 0);
        policy.ShouldRelease(Start, consumed: 5, allocatedBytes: 0);

        Assert.False(policy.ShouldRelease(Start.AddHours(1), consumed: 5, allocatedBytes: 900 * MiB));
    }

    [Fact]
    public async Task The_service_releases_once_the_consumed_count_has_stood_still_for_the_idle_time()
    {
        var clock = new FakeTimeProvider(Start);
        var activity = new WorkActivity();
        var releases = 0;
        var service = new IdleMemoryRelease(activity,
            Options.Create(new MemoryReleaseOptions { ReleaseAfterIdle = TimeSpan.FromSeconds(30), MinimumAllocatedBytes = 0 }),
            clock, NullLogger<IdleMemoryRelease>.Instance)
        {
            Release = () =>
            {
                Interlocked.Increment(ref releases);
                return default;
            },
        };
        Assert.Equal(TimeSpan.FromSeconds(5), service.CheckInterval);
        await service.StartAsync(CancellationToken.None);
        try
        {
            // Ten seconds of work, a message every five seconds, then nothing.
            for (var i = 0; i < 2; i++)
            {
                await activity.PostConsume<object>(null!);
                await TickAsync(clock, service.CheckInterval);
            }

            // 25 s after the last message: not yet.
            for (var i = 0; i < 5; i++)
            {
                await TickAsync(clock, service.CheckInterval);
            }

            Assert.Equal(0, Volatile.Read(ref releases));

            await TickAsync(clock, service.CheckInterval);
            await WaitForAsync(() => Volatile.Read(ref releases) == 1);

            // Idle from now on: no second release.
            for (var i = 0; i < 20; i++)
            {
                await TickAsync(clock, service.CheckInterval);
            }

            Assert.Equal(1, Volatile.Read(ref releases));

            // A fault counts as work too.
            await activity.ConsumeFault<object>(null!, new InvalidOperationException("boom"));
            for (var i = 0; i < 8; i++)
            {
                await TickAsync(clock, service.CheckInterval);
            }

            await WaitForAsync(() => Volatile.Read(ref releases) == 2);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void A_release_gives_a_dropped_burst_of_allocations_back()
    {
        // 96 MiB held, as a burst's buffers are, then dropped.
        var held = new List<byte[]>();
        for (var i = 0; i < 96; i++)
        {
            var block = new byte[MiB];
            Array.Fill(block, (byte)i);
            held.Add(block);
        }

        // The heap now (GetGCMemoryInfo would describe the last collection, which may predate the blocks).
        var heapWhileHeld = GC.GetTotalMemory(forceFullCollection: false);
        GC.KeepAlive(held);
        held.Clear();

        var release = ProcessMemory.ReleaseFreeMemory();

        Assert.True(heapWhileHeld >= 96 * MiB, $"heap while held: {heapWhileHeld / MiB} MiB");
        // The release's own collection is the last one now: what it left committed, the blocks' space given back.
        Assert.True(release.HeapAfter < heapWhileHeld - 64 * MiB,
            $"GC heap {heapWhileHeld / MiB} MiB while held, {release.HeapAfter / MiB} MiB committed after the release");
        Assert.True(release.ResidentAfter > 0);
    }

    static async Task TickAsync(FakeTimeProvider clock, TimeSpan step)
    {
        clock.Advance(step);
        // The loop continues on the thread pool after the fake timer fires.
        await Task.Delay(30);
    }

    static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
