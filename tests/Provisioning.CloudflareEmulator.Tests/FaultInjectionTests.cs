using System.Net.Http.Json;
using Provisioning.CloudflareEmulator.Inspection;
using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class FaultInjectionTests
{
    private static readonly string KvList = $"{Account}/storage/kv/namespaces";

    [Fact]
    public async Task Should_fail_the_given_number_of_calls_with_status_and_code()
    {
        await using var emulator = await StartAsync();
        await emulator.AddFaultAsync(new FaultRequest { Operation = "kv.create", Status = 500, Code = 10002, Message = "boom", Count = 2 });

        var first = await emulator.PostJsonAsync(KvList, """{"title":"a"}""");
        var second = await emulator.PostJsonAsync(KvList, """{"title":"a"}""");
        var third = await emulator.PostJsonAsync(KvList, """{"title":"a"}""");
        (await emulator.GetAsync(KvList)).AssertOk();

        first.AssertError(500, 10002);
        Assert.Equal("boom", first.ErrorMessages.Single());
        second.AssertError(500, 10002);
        third.AssertOk();
        var counters = await emulator.CountersAsync();
        Assert.Equal(3, counters["kv.create"].Total);
        Assert.Equal(2, counters["kv.create"].ByStatus["500"]);
        Assert.Equal(1, counters["kv.create"].ByStatus["200"]);
        Assert.Single((await emulator.StateAsync()).Accounts.Single().KvNamespaces);
    }

    [Fact]
    public async Task Should_never_fire_at_probability_zero_and_always_at_one_until_removed()
    {
        await using var emulator = await StartAsync();
        var never = await emulator.AddFaultAsync(new FaultRequest { Operation = "kv.list", Status = 503, Probability = 0 });
        for (var i = 0; i < 5; i++)
        {
            (await emulator.GetAsync(KvList)).AssertOk();
        }

        using var removeNever = await emulator.Admin.DeleteAsync($"faults/{never}");
        removeNever.EnsureSuccessStatusCode();
        var always = await emulator.AddFaultAsync(new FaultRequest { Operation = "kv.list", Status = 429, Code = 10100, Probability = 1 });
        for (var i = 0; i < 5; i++)
        {
            (await emulator.GetAsync(KvList)).AssertError(429, 10100);
        }

        using var removeAlways = await emulator.Admin.DeleteAsync($"faults/{always}");
        removeAlways.EnsureSuccessStatusCode();
        (await emulator.GetAsync(KvList)).AssertOk();
        using var missing = await emulator.Admin.DeleteAsync($"faults/{always}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Should_match_on_path_and_clear_all_faults()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        await emulator.AddFaultAsync(new FaultRequest { Operation = "scripts.upload", PathContains = "/scripts/tenant-b", Status = 500, Code = 10002 });

        (await emulator.UploadAsync("production", "tenant-a", """{"main_module":"index.js"}""")).AssertOk();
        (await emulator.UploadAsync("production", "tenant-b", """{"main_module":"index.js"}""")).AssertError(500, 10002);

        using var clear = await emulator.Admin.DeleteAsync("faults");
        clear.EnsureSuccessStatusCode();
        (await emulator.UploadAsync("production", "tenant-b", """{"main_module":"index.js"}""")).AssertOk();
    }

    [Fact]
    public async Task Should_delay_a_successful_call_when_only_latency_is_given()
    {
        await using var emulator = await StartAsync();
        await emulator.AddFaultAsync(new FaultRequest { Operation = "kv.list", LatencyMs = 50, Count = 1 });

        (await emulator.GetAsync(KvList)).AssertOk();

        var faults = await emulator.Admin.GetFromJsonAsync<List<FaultState>>("faults");
        Assert.Empty(faults!);
        Assert.Equal(1, (await emulator.CountersAsync())["kv.list"].ByStatus["200"]);
    }

    [Fact]
    public async Task Should_drop_the_connection()
    {
        await using var emulator = await StartAsync();
        await emulator.AddFaultAsync(new FaultRequest { Operation = "d1.list", DropConnection = true, Count = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.Api.GetAsync($"{Account}/d1/database"));
        (await emulator.GetAsync($"{Account}/d1/database")).AssertOk();

        var counters = await emulator.CountersAsync();
        Assert.Equal(2, counters["d1.list"].Total);
        Assert.Equal(1, counters["d1.list"].ByStatus["0"]);
    }

    [Fact]
    public async Task Should_reset_state_counters_and_faults()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateKvAsync("before-reset");
        await emulator.AddFaultAsync(new FaultRequest { Operation = "kv.list", Status = 500 });

        using var reset = await emulator.Admin.PostAsync("reset", null);
        reset.EnsureSuccessStatusCode();

        Assert.Empty(await emulator.CountersAsync());
        Assert.Empty((await emulator.StateAsync()).Accounts.Single().KvNamespaces);
        (await emulator.GetAsync(KvList)).AssertOk();
    }

    [Fact]
    public async Task Should_reject_an_invalid_fault()
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.Admin.PostAsJsonAsync("faults", new FaultRequest { Probability = 2 });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
