using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class KvNamespaceTests
{
    private static readonly string Namespaces = $"{Account}/storage/kv/namespaces";

    [Fact]
    public async Task Should_create_get_rename_and_delete()
    {
        await using var emulator = await StartAsync();

        var created = (await emulator.PostJsonAsync(Namespaces, """{"title":"tenant-123"}""")).AssertOk().Result!;
        var id = created["id"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.True(created["supports_url_encoding"]!.GetValue<bool>());

        Assert.Equal("tenant-123", (await emulator.GetAsync($"{Namespaces}/{id}")).AssertOk().Result!["title"]!.GetValue<string>());
        var renamed = (await emulator.PutJsonAsync($"{Namespaces}/{id}", """{"title":"tenant-456"}""")).AssertOk().Result!;
        Assert.Equal("tenant-456", renamed["title"]!.GetValue<string>());

        Assert.Equal("{}", (await emulator.DeleteAsync($"{Namespaces}/{id}")).AssertOk().Result!.ToJsonString());
        (await emulator.GetAsync($"{Namespaces}/{id}")).AssertError(404, 10013);
        (await emulator.DeleteAsync($"{Namespaces}/{id}")).AssertError(404, 10013);
        (await emulator.PutJsonAsync($"{Namespaces}/{id}", """{"title":"x"}""")).AssertError(404, 10013);
    }

    [Fact]
    public async Task Should_answer_400_10014_for_a_duplicate_title_on_create_and_rename()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateKvAsync("taken");
        var other = await emulator.CreateKvAsync("other");

        (await emulator.PostJsonAsync(Namespaces, """{"title":"taken"}""")).AssertError(400, 10014);
        (await emulator.PutJsonAsync($"{Namespaces}/{other}", """{"title":"taken"}""")).AssertError(400, 10014);
    }

    [Fact]
    public async Task Should_require_a_title_of_at_most_512_characters()
    {
        await using var emulator = await StartAsync();

        (await emulator.PostJsonAsync(Namespaces, "{}")).AssertError(400, 10019);
        (await emulator.PostJsonAsync(Namespaces, """{"title":""}""")).AssertError(400, 10019);
        (await emulator.PostJsonAsync(Namespaces, $$"""{"title":"{{new string('a', 513)}}"}""")).AssertError(400, 10019);
        (await emulator.PostJsonAsync(Namespaces, $$"""{"title":"{{new string('a', 512)}}"}""")).AssertOk();
    }

    [Fact]
    public async Task Should_page_and_answer_an_empty_page_past_the_end()
    {
        await using var emulator = await StartAsync();
        foreach (var title in new[] { "c", "a", "e", "b", "d" })
        {
            await emulator.CreateKvAsync(title);
        }

        var titles = new List<string>();
        for (var page = 1; ; page++)
        {
            var response = (await emulator.GetAsync($"{Namespaces}?page={page}&per_page=2&order=title&direction=asc")).AssertOk();
            var items = response.Result!.AsArray();
            var info = response.Body["result_info"]!;
            Assert.Equal(page, info["page"]!.GetValue<int>());
            Assert.Equal(2, info["per_page"]!.GetValue<int>());
            Assert.Equal(items.Count, info["count"]!.GetValue<int>());
            Assert.Equal(5, info["total_count"]!.GetValue<int>());
            if (items.Count == 0)
            {
                Assert.Equal(4, page);
                break;
            }

            titles.AddRange(items.Select(i => i!["title"]!.GetValue<string>()));
        }

        Assert.Equal(["a", "b", "c", "d", "e"], titles);
        var descending = (await emulator.GetAsync($"{Namespaces}?order=title&direction=desc")).AssertOk().Result!.AsArray();
        Assert.Equal(["e", "d", "c", "b", "a"], descending.Select(i => i!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Should_create_distinct_titles_concurrently_and_only_one_of_a_kind()
    {
        await using var emulator = await StartAsync();

        var distinct = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => emulator.PostJsonAsync(Namespaces, $$"""{"title":"t{{i}}"}""")));
        var same = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => emulator.PostJsonAsync(Namespaces, """{"title":"race"}""")));

        Assert.All(distinct, r => r.AssertOk());
        Assert.Single(same, r => r.Success);
        Assert.All(same.Where(r => !r.Success), r => r.AssertError(400, 10014));
        Assert.Equal(21, (await emulator.StateAsync()).Accounts.Single().KvNamespaces.Count);
    }
}
