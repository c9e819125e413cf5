using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Provisioning.CloudflareEmulator.Api;

namespace Provisioning.CloudflareEmulator.Endpoints;

/// <summary>
/// What clients use to find the account behind a token when no account id is configured: wrangler intersects
/// GET /accounts with GET /memberships, and its whoami asks /user/tokens/verify and /user (docs/emulator.md, accounts).
/// A token acts on exactly one account, so every list has one entry.
/// </summary>
internal static class AccountEndpoints
{
    private const string Accounts = "/client/v4/accounts";
    private const string Memberships = "/client/v4/memberships";
    // The accounts and memberships lists take per_page 5..50, default 20 (docs/emulator.md, accounts).
    private const int DefaultPerPage = 20;
    private const int MinPerPage = 5;
    private const int MaxPerPage = 50;

    // A token here may do everything in its account, so its membership is the account's super administrator.
    private const string Role = "Super Administrator - All Privileges";
    private static readonly string[] PermissionAreas =
        ["analytics", "billing", "cache_purge", "dns", "dns_records", "lb", "logs", "organization", "ssl", "waf", "zone_settings", "zones"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Accounts, ListAccounts).Operation("accounts.list");
        app.MapGet(Accounts + "/{accountId}", GetAccount).Operation("accounts.get");
        app.MapGet(Memberships, ListMemberships).Operation("memberships.list");
        app.MapGet("/client/v4/user/tokens/verify", VerifyToken).Operation("user.tokens.verify")
            .AnswersInvalidTokenWith(401, ErrorCodes.InvalidApiToken, "Invalid API Token");
        app.MapGet("/client/v4/user", (HttpContext _) => UserDetailsRefused()).Operation("user.get");
    }

    private static IResult ListAccounts(HttpContext context, AccountDirectory accounts)
    {
        var account = ApiPipelineMiddleware.AccountOf(context);
        var name = accounts.NameOf(account);
        var matches = Matches(name, context.Request.Query["name"]) ? [account] : Array.Empty<string>();
        var (items, info) = Paging.Page(matches, context.Request, DefaultPerPage, MaxPerPage, id => AccountJson(id, name), MinPerPage);
        return Envelope.Ok(items, info);
    }

    // The pipeline has already refused any account id other than the token's own.
    private static IResult GetAccount(HttpContext context, AccountDirectory accounts)
    {
        var account = ApiPipelineMiddleware.AccountOf(context);
        return Envelope.Ok(AccountJson(account, accounts.NameOf(account)));
    }

    private static IResult ListMemberships(HttpContext context, AccountDirectory accounts)
    {
        var request = context.Request;
        var account = ApiPipelineMiddleware.AccountOf(context);
        var name = accounts.NameOf(account);
        var status = request.Query["status"].ToString();
        var wanted = Matches(name, request.Query["account.name"]) && Matches(name, request.Query["name"])
            && (status.Length == 0 || status == "accepted");
        var token = ApiPipelineMiddleware.BearerToken(request)!;
        var matches = wanted ? [account] : Array.Empty<string>();
        var (items, info) = Paging.Page(matches, request, DefaultPerPage, MaxPerPage, id => MembershipJson(token, id, name), MinPerPage);
        return Envelope.Ok(items, info);
    }

    private static IResult VerifyToken(HttpContext context)
    {
        var token = ApiPipelineMiddleware.BearerToken(context.Request)!;
        var result = new JsonObject { ["id"] = Identifier("token", token), ["status"] = "active" };
        var messages = new JsonArray(new JsonObject
        {
            ["code"] = 10000,
            ["message"] = "This API Token is valid and active",
            ["type"] = null,
        });
        return Envelope.Ok(result, messages: messages);
    }

    // Our tokens stand for no user, so they may not read user details (docs/emulator.md, accounts).
    private static IResult UserDetailsRefused() =>
        throw new ApiException(403, ErrorCodes.UnauthorizedToAccessResource, "Unauthorized to access requested resource");

    // Filters by name are case-insensitive substring searches (our choice, docs/emulator.md).
    private static bool Matches(string name, string? filter) =>
        string.IsNullOrEmpty(filter) || name.Contains(filter, StringComparison.OrdinalIgnoreCase);

    private static JsonObject AccountJson(string id, string name) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["type"] = "standard",
        ["settings"] = new JsonObject { ["enforce_twofactor"] = false, ["abuse_contact_email"] = null },
    };

    private static JsonObject MembershipJson(string token, string accountId, string accountName)
    {
        var permissions = new JsonObject();
        foreach (var area in PermissionAreas)
        {
            permissions[area] = new JsonObject { ["read"] = true, ["write"] = true };
        }

        return new JsonObject
        {
            ["id"] = Identifier("membership", token + "/" + accountId),
            ["account"] = AccountJson(accountId, accountName),
            ["api_access_enabled"] = null,
            ["permissions"] = permissions,
            ["roles"] = new JsonArray(Role),
            ["status"] = "accepted",
        };
    }

    // A stable 32-hex id that does not reveal the token it is derived from.
    private static string Identifier(string purpose, string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(purpose + ":" + value)))[..32];
}
