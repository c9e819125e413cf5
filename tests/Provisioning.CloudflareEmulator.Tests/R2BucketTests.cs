using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class R2BucketTests
{
    private static readonly string Buckets = $"{Account}/r2/buckets";

    private static Action<HttpRequestMessage> Jurisdiction(string value) => r => r.Headers.Add("cf-r2-jurisdiction", value);

    [Fact]
    public async Task Should_create_get_list_and_delete()
    {
        await using var emulator = await StartAsync();

        var created = (await emulator.PostJsonAsync(Buckets, """{"name":"tenant-123","locationHint":"weur","storageClass":"InfrequentAccess"}""")).AssertOk().Result!;
        Assert.Equal("WEUR", created["location"]!.GetValue<string>());
        Assert.Equal("InfrequentAccess", created["storage_class"]!.GetValue<string>());
        Assert.Equal("default", created["jurisdiction"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(created["creation_date"]!.GetValue<string>(), out _));

        Assert.Equal("tenant-123", (await emulator.GetAsync($"{Buckets}/tenant-123")).AssertOk().Result!["name"]!.GetValue<string>());
        var list = (await emulator.GetAsync(Buckets)).AssertOk();
        Assert.Equal("tenant-123", Assert.Single(list.Result!["buckets"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Equal("", list.Body["result_info"]!["cursor"]!.GetValue<string>());
        Assert.Equal(20, list.Body["result_info"]!["per_page"]!.GetValue<int>());

        (await emulator.DeleteAsync($"{Buckets}/tenant-123")).AssertOk();
        (await emulator.GetAsync($"{Buckets}/tenant-123")).AssertError(404, 10006);
        (await emulator.DeleteAsync($"{Buckets}/tenant-123")).AssertError(404, 10006);
    }

    [Fact]
    public async Task Should_answer_409_10004_for_a_duplicate()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateR2Async("tenant-123");

        (await emulator.PostJsonAsync(Buckets, """{"name":"tenant-123"}""")).AssertError(409, 10004);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper-case")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("bad@name")]
    [InlineData("")]
    public async Task Should_answer_10005_for_an_invalid_name(string name)
    {
        await using var emulator = await StartAsync();

        (await emulator.PostJsonAsync(Buckets, $$"""{"name":"{{name}}"}""")).AssertError(400, 10005);
    }

    [Fact]
    public async Task Should_hide_buckets_of_another_jurisdiction()
    {
        await using var emulator = await StartAsync();
        (await emulator.SendAsync(HttpMethod.Post, Buckets, JsonBody("""{"name":"eu-bucket"}"""), configure: Jurisdiction("eu"))).AssertOk();

        (await emulator.GetAsync($"{Buckets}/eu-bucket")).AssertError(404, 10006);
        Assert.Empty((await emulator.GetAsync(Buckets)).AssertOk().Result!["buckets"]!.AsArray());
        var eu = (await emulator.SendAsync(HttpMethod.Get, $"{Buckets}/eu-bucket", configure: Jurisdiction("eu"))).AssertOk().Result!;
        Assert.Equal("eu", eu["jurisdiction"]!.GetValue<string>());
        Assert.Equal("WEUR", eu["location"]!.GetValue<string>());
        Assert.Single((await emulator.SendAsync(HttpMethod.Get, Buckets, configure: Jurisdiction("eu"))).AssertOk().Result!["buckets"]!.AsArray());
        (await emulator.DeleteAsync($"{Buckets}/eu-bucket")).AssertError(404, 10006);
        (await emulator.SendAsync(HttpMethod.Delete, $"{Buckets}/eu-bucket", configure: Jurisdiction("eu"))).AssertOk();
    }

    [Fact]
    public async Task Should_page_with_a_cursor_and_filter_by_name()
    {
        await using var emulator = await StartAsync();
        foreach (var name in new[] { "bucket-c", "bucket-a", "bucket-b", "other-x" })
        {
            await emulator.CreateR2Async(name);
        }

        var first = (await emulator.GetAsync($"{Buckets}?name_contains=bucket&per_page=2")).AssertOk();
        var cursor = first.Body["result_info"]!["cursor"]!.GetValue<string>();
        var second = (await emulator.GetAsync($"{Buckets}?name_contains=bucket&per_page=2&cursor={cursor}")).AssertOk();

        Assert.Equal(["bucket-a", "bucket-b"], first.Result!["buckets"]!.AsArray().Select(b => b!["name"]!.GetValue<string>()));
        Assert.NotEqual("", cursor);
        Assert.Equal("bucket-c", Assert.Single(second.Result!["buckets"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Equal("", second.Body["result_info"]!["cursor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_refuse_bad_arguments()
    {
        await using var emulator = await StartAsync();

        (await emulator.PostJsonAsync(Buckets, """{"name":"tenant-1","locationHint":"mars"}""")).AssertError(400, 10040);
        (await emulator.PostJsonAsync(Buckets, """{"name":"tenant-1","storageClass":"Glacier"}""")).AssertError(400, 10040);
        (await emulator.SendAsync(HttpMethod.Post, Buckets, JsonBody("""{"name":"tenant-1"}"""), configure: Jurisdiction("moon"))).AssertError(400, 10040);
    }
}
