using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class D1DatabaseTests
{
    private static readonly string Databases = $"{Account}/d1/database";

    [Fact]
    public async Task Should_create_get_by_uuid_or_name_and_delete()
    {
        await using var emulator = await StartAsync();

        var created = (await emulator.PostJsonAsync(Databases, """{"name":"tenant-123","primary_location_hint":"weur"}""")).AssertOk().Result!;
        var uuid = created["uuid"]!.GetValue<string>();
        Assert.True(Guid.TryParse(uuid, out _));
        Assert.Equal("production", created["version"]!.GetValue<string>());
        Assert.Equal("WEUR", created["created_in_region"]!.GetValue<string>());
        Assert.Equal("disabled", created["read_replication"]!["mode"]!.GetValue<string>());

        Assert.Equal("tenant-123", (await emulator.GetAsync($"{Databases}/{uuid}")).AssertOk().Result!["name"]!.GetValue<string>());
        Assert.Equal(uuid, (await emulator.GetAsync($"{Databases}/tenant-123")).AssertOk().Result!["uuid"]!.GetValue<string>());
        Assert.Equal("weur", (await emulator.StateAsync()).Accounts.Single().D1Databases.Single().PrimaryLocationHint);

        Assert.Null((await emulator.DeleteAsync($"{Databases}/{uuid}")).AssertOk().Result);
        (await emulator.GetAsync($"{Databases}/{uuid}")).AssertError(404, 7404);
        (await emulator.GetAsync($"{Databases}/tenant-123")).AssertError(404, 7404);
        (await emulator.DeleteAsync($"{Databases}/{uuid}")).AssertError(404, 7404);
    }

    [Fact]
    public async Task Should_ignore_the_location_hint_when_a_jurisdiction_is_given()
    {
        await using var emulator = await StartAsync();

        var created = (await emulator.PostJsonAsync(Databases, """{"name":"eu-db","primary_location_hint":"wnam","jurisdiction":"eu"}""")).AssertOk().Result!;

        Assert.Equal("eu", created["jurisdiction"]!.GetValue<string>());
        Assert.Null((await emulator.StateAsync()).Accounts.Single().D1Databases.Single().PrimaryLocationHint);
    }

    [Fact]
    public async Task Should_refuse_duplicates_and_invalid_properties()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateD1Async("tenant-123");

        (await emulator.PostJsonAsync(Databases, """{"name":"tenant-123"}""")).AssertError(400, 7502);
        (await emulator.PostJsonAsync(Databases, """{"name":""}""")).AssertError(400, 7400);
        (await emulator.PostJsonAsync(Databases, """{"name":"Upper"}""")).AssertError(400, 7400);
        (await emulator.PostJsonAsync(Databases, """{"name":"-lead"}""")).AssertError(400, 7400);
        (await emulator.PostJsonAsync(Databases, """{"name":"ok","primary_location_hint":"mars"}""")).AssertError(400, 7400);
        (await emulator.PostJsonAsync(Databases, """{"name":"ok","jurisdiction":"moon"}""")).AssertError(400, 7400);
    }

    [Fact]
    public async Task Should_search_names_by_substring_unless_exact()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateD1Async("tenant-1");
        await emulator.CreateD1Async("tenant-10");
        await emulator.CreateD1Async("other");

        var search = (await emulator.GetAsync($"{Databases}?name=tenant-1")).AssertOk().Result!.AsArray();
        var exact = (await emulator.GetAsync($"{Databases}?name=tenant-1&exact=true")).AssertOk().Result!.AsArray();

        Assert.Equal(["tenant-1", "tenant-10"], search.Select(d => d!["name"]!.GetValue<string>()).Order());
        Assert.Equal("tenant-1", Assert.Single(exact)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_answer_an_empty_page_past_the_end()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateD1Async("a");
        await emulator.CreateD1Async("b");

        var last = (await emulator.GetAsync($"{Databases}?page=2&per_page=1")).AssertOk();
        var past = (await emulator.GetAsync($"{Databases}?page=3&per_page=1")).AssertOk();

        Assert.Equal("b", Assert.Single(last.Result!.AsArray())!["name"]!.GetValue<string>());
        Assert.Empty(past.Result!.AsArray());
        Assert.Equal(2, past.Body["result_info"]!["total_count"]!.GetValue<int>());
    }
}
