using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;
using static Provisioning.CloudflareEmulator.Tests.Support.TwoAccounts;

namespace Provisioning.CloudflareEmulator.Tests;

/// <summary>GET /accounts, /accounts/{id}, /memberships, /user/tokens/verify and /user: how clients without an account id find one.</summary>
public sealed class AccountDiscoveryTests
{
    [Fact]
    public async Task Should_list_only_the_tokens_own_account_with_paging_fields()
    {
        await using var emulator = await StartAsync(TwoAccounts.Configure);

        var response = (await emulator.GetAsync("accounts")).AssertOk();

        var account = Assert.Single(response.Result!.AsArray())!.AsObject();
        Assert.Equal(EmulatorDefaults.AccountId, account["id"]!.GetValue<string>());
        Assert.Equal(DevelopmentAccountName, account["name"]!.GetValue<string>());
        Assert.Equal("standard", account["type"]!.GetValue<string>());
        AssertResultInfo(response, page: 1, perPage: 20, count: 1, totalCount: 1);
        using var other = emulator.ClientFor(OtherToken);
        var theirs = Assert.Single((await emulator.GetAsync("accounts", other)).AssertOk().Result!.AsArray())!;
        Assert.Equal(OtherAccount, theirs["id"]!.GetValue<string>());
        Assert.Equal("Emulator account 11111111", theirs["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_answer_an_empty_page_past_the_end_and_clamp_per_page_to_5_50()
    {
        await using var emulator = await StartAsync();

        var past = (await emulator.GetAsync("accounts?page=2&per_page=5")).AssertOk();
        var small = (await emulator.GetAsync("memberships?per_page=1")).AssertOk();
        var large = (await emulator.GetAsync("memberships?per_page=500")).AssertOk();

        Assert.Empty(past.Result!.AsArray());
        AssertResultInfo(past, page: 2, perPage: 5, count: 0, totalCount: 1);
        Assert.Equal(5, small.Body["result_info"]!["per_page"]!.GetValue<int>());
        Assert.Equal(50, large.Body["result_info"]!["per_page"]!.GetValue<int>());
    }

    [Fact]
    public async Task Should_filter_accounts_and_memberships_by_name_and_status()
    {
        await using var emulator = await StartAsync(TwoAccounts.Configure);

        Assert.Single((await emulator.GetAsync("accounts?name=acme")).AssertOk().Result!.AsArray());
        Assert.Empty((await emulator.GetAsync("accounts?name=globex")).AssertOk().Result!.AsArray());
        Assert.Single((await emulator.GetAsync("memberships?account.name=ACME&status=accepted")).AssertOk().Result!.AsArray());
        Assert.Empty((await emulator.GetAsync("memberships?status=pending")).AssertOk().Result!.AsArray());
    }

    [Fact]
    public async Task Should_get_the_tokens_account_and_refuse_any_other()
    {
        await using var emulator = await StartAsync(TwoAccounts.Configure);

        var account = (await emulator.GetAsync(Account)).AssertOk().Result!;

        Assert.Equal(EmulatorDefaults.AccountId, account["id"]!.GetValue<string>());
        Assert.Equal(DevelopmentAccountName, account["name"]!.GetValue<string>());
        (await emulator.GetAsync($"accounts/{OtherAccount}")).AssertError(403, 10000);
        (await emulator.GetAsync("accounts/not-an-account")).AssertError(404, 7003);
    }

    [Fact]
    public async Task Should_list_one_accepted_membership_shaped_like_cloudflares()
    {
        await using var emulator = await StartAsync(TwoAccounts.Configure);

        var response = (await emulator.GetAsync("memberships")).AssertOk();

        var membership = Assert.Single(response.Result!.AsArray())!.AsObject();
        Assert.Matches("^[0-9a-f]{32}$", membership["id"]!.GetValue<string>());
        Assert.Equal(EmulatorDefaults.AccountId, membership["account"]!["id"]!.GetValue<string>());
        Assert.Equal(DevelopmentAccountName, membership["account"]!["name"]!.GetValue<string>());
        Assert.Equal("accepted", membership["status"]!.GetValue<string>());
        Assert.Equal(["Super Administrator - All Privileges"], membership["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var dns = membership["permissions"]!["dns"]!;
        Assert.True(dns["read"]!.GetValue<bool>());
        Assert.True(dns["write"]!.GetValue<bool>());
        AssertResultInfo(response, page: 1, perPage: 20, count: 1, totalCount: 1);
        using var other = emulator.ClientFor(OtherToken);
        var theirs = Assert.Single((await emulator.GetAsync("memberships", other)).AssertOk().Result!.AsArray())!;
        Assert.Equal(OtherAccount, theirs["account"]!["id"]!.GetValue<string>());
        Assert.NotEqual(membership["id"]!.GetValue<string>(), theirs["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_verify_a_valid_token_as_active_with_a_stable_id_that_is_not_the_token()
    {
        await using var emulator = await StartAsync();

        var first = (await emulator.GetAsync("user/tokens/verify")).AssertOk();
        var second = (await emulator.GetAsync("user/tokens/verify")).AssertOk();

        var id = first.Result!["id"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(id, second.Result!["id"]!.GetValue<string>());
        Assert.DoesNotContain(EmulatorDefaults.ApiToken, first.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("active", first.Result!["status"]!.GetValue<string>());
        Assert.Equal("This API Token is valid and active", first.Body["messages"]![0]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Should_answer_401_1000_invalid_api_token_when_verifying_a_bad_token(string? token)
    {
        await using var emulator = await StartAsync();
        using var client = emulator.ClientFor(token);

        var response = await emulator.GetAsync("user/tokens/verify", client);

        response.AssertError(401, 1000);
        Assert.Equal(["Invalid API Token"], response.ErrorMessages);
        // Every other discovery route keeps the pipeline's answer to a bad token.
        (await emulator.GetAsync("accounts", client)).AssertError(403, 10000);
        (await emulator.GetAsync("memberships", client)).AssertError(403, 10000);
    }

    [Fact]
    public async Task Should_refuse_user_details_with_9109_so_whoami_shows_no_email()
    {
        await using var emulator = await StartAsync();

        (await emulator.GetAsync("user")).AssertError(403, 9109);
    }

    [Fact]
    public async Task Should_count_the_discovery_calls_under_their_operation_names()
    {
        await using var emulator = await StartAsync();
        using var bad = emulator.ClientFor("wrong-token");

        await emulator.GetAsync("accounts");
        await emulator.GetAsync(Account);
        await emulator.GetAsync("memberships");
        await emulator.GetAsync("user/tokens/verify");
        await emulator.GetAsync("user/tokens/verify", bad);

        var counters = await emulator.CountersAsync();
        Assert.Equal(1, counters["accounts.list"].Total);
        Assert.Equal(1, counters["accounts.get"].Total);
        Assert.Equal(1, counters["memberships.list"].Total);
        Assert.Equal(2, counters["user.tokens.verify"].Total);
        Assert.Equal(1, counters["user.tokens.verify"].ByStatus["401"]);
    }

    private static void AssertResultInfo(ApiResponse response, int page, int perPage, int count, int totalCount)
    {
        var info = response.Body["result_info"]!.AsObject();
        Assert.Equal(page, info["page"]!.GetValue<int>());
        Assert.Equal(perPage, info["per_page"]!.GetValue<int>());
        Assert.Equal(count, info["count"]!.GetValue<int>());
        Assert.Equal(totalCount, info["total_count"]!.GetValue<int>());
        Assert.Equal(1, info["total_pages"]!.GetValue<int>());
    }
}
