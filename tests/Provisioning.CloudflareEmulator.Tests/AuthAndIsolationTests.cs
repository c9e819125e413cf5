using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;
using static Provisioning.CloudflareEmulator.Tests.Support.TwoAccounts;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class AuthAndIsolationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Should_answer_403_10000_without_a_valid_token(string? token)
    {
        await using var emulator = await StartAsync();
        using var client = emulator.ClientFor(token);

        var response = await emulator.GetAsync($"{Account}/storage/kv/namespaces", client);

        response.AssertError(403, 10000);
        Assert.StartsWith("https://developers.cloudflare.com/", response.Body["errors"]![0]!["documentation_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_refuse_a_valid_token_on_another_account()
    {
        await using var emulator = await StartAsync(TwoAccounts.Configure);

        (await emulator.GetAsync($"accounts/{OtherAccount}/storage/kv/namespaces")).AssertError(403, 10000);
        (await emulator.GetAsync("accounts/ffffffffffffffffffffffffffffffff/d1/database")).AssertError(403, 10000);
    }

    [Fact]
    public async Task Should_answer_a_route_error_for_a_malformed_account_id_or_path()
    {
        await using var emulator = await StartAsync();

        var badAccount = await emulator.GetAsync("accounts/invalid-account-id-000/storage/kv/namespaces");
        badAccount.AssertError(404, 7003);
        Assert.Equal([7003, 7000], badAccount.ErrorCodes);
        (await emulator.GetAsync($"{Account}/no/such/route")).AssertError(404, 7000);
        (await emulator.SendAsync(HttpMethod.Patch, $"{Account}/storage/kv/namespaces")).AssertError(404, 7000);
    }

    [Fact]
    public async Task Should_keep_each_accounts_resources_apart()
    {
        await using var emulator = await StartAsync(TwoAccounts.Configure);
        using var other = emulator.ClientFor(OtherToken);
        var otherKv = $"accounts/{OtherAccount}/storage/kv/namespaces";
        var mine = await emulator.CreateKvAsync("shared-title");
        await emulator.CreateNamespaceAsync("production");

        // The same title and namespace name are free in the other account.
        var theirs = (await emulator.PostJsonAsync(otherKv, """{"title":"shared-title"}""", other)).AssertOk().Result!["id"]!.GetValue<string>();
        (await emulator.PostJsonAsync($"accounts/{OtherAccount}/workers/dispatch/namespaces", """{"name":"production"}""", other)).AssertOk();

        Assert.Equal(theirs, Assert.Single((await emulator.GetAsync(otherKv, other)).AssertOk().Result!.AsArray())!["id"]!.GetValue<string>());
        (await emulator.GetAsync($"{otherKv}/{mine}", other)).AssertError(404, 10013);
        // A script in the other account may not bind this account's KV namespace.
        var upload = await emulator.SendAsync(
            HttpMethod.Put,
            $"accounts/{OtherAccount}/workers/dispatch/namespaces/production/scripts/tenant-a",
            RawMultipart.Wrangler($$"""{"main_module":"index.js","bindings":[{"type":"kv_namespace","name":"KV","namespace_id":"{{mine}}"}]}""", ("index.js", EsModule, WorkerCode)),
            other);
        upload.AssertError(400, 10041);

        var state = await emulator.StateAsync();
        Assert.Equal(2, state.Accounts.Count);
        Assert.All(state.Accounts, a => Assert.Single(a.KvNamespaces));
    }
}
