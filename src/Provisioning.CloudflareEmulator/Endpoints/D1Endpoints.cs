using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioning.CloudflareEmulator.Api;
using Provisioning.CloudflareEmulator.State;

namespace Provisioning.CloudflareEmulator.Endpoints;

internal static partial class D1Endpoints
{
    private const string Base = "/client/v4/accounts/{accountId}/d1/database";

    private static readonly HashSet<string> LocationHints = new(StringComparer.Ordinal) { "wnam", "enam", "weur", "eeur", "apac", "oc" };
    private static readonly HashSet<string> Jurisdictions = new(StringComparer.Ordinal) { "eu", "fedramp", "us" };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Base, CreateAsync).Operation("d1.create");
        app.MapGet(Base, List).Operation("d1.list");
        app.MapGet(Base + "/{databaseId}", Get).Operation("d1.get");
        app.MapDelete(Base + "/{databaseId}", Delete).Operation("d1.delete");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, EmulatorStore store, TimeProvider time)
    {
        var body = await Json.ReadObjectAsync(context.Request);
        var account = ApiPipelineMiddleware.AccountOf(context);
        var name = body.String("name");
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
        {
            throw new ApiException(400, ErrorCodes.D1InvalidProperty, "Invalid property: name must match ^[a-z0-9][a-z0-9-_]*$");
        }

        var hint = body.String("primary_location_hint");
        var jurisdiction = body.String("jurisdiction");
        if (hint is not null && !LocationHints.Contains(hint))
        {
            throw new ApiException(400, ErrorCodes.D1InvalidProperty, $"Invalid property: primary_location_hint '{hint}'");
        }

        if (jurisdiction is not null && !Jurisdictions.Contains(jurisdiction))
        {
            throw new ApiException(400, ErrorCodes.D1InvalidProperty, $"Invalid property: jurisdiction '{jurisdiction}'");
        }

        var mode = (body["read_replication"] as JsonObject)?.String("mode") ?? "disabled";
        return store.Transact(session =>
        {
            if (session.All<D1DatabaseEntity>(account).Any(d => d.Name == name))
            {
                // 7502 per wrangler; the status is UNCONFIRMED ("likely 400").
                throw new ApiException(400, ErrorCodes.D1NameExists, "A database with that name already exists");
            }

            var entity = new D1DatabaseEntity
            {
                AccountId = account,
                Uuid = Guid.NewGuid().ToString(),
                Name = name,
                Jurisdiction = jurisdiction,
                // "If [jurisdiction] is present, the location hint is ignored."
                PrimaryLocationHint = jurisdiction is null ? hint : null,
                ReadReplicationMode = mode,
                CreatedAt = time.GetUtcNow(),
            };
            session.Save(entity);
            var result = Details(entity);
            result["created_in_region"] = Region(entity);
            return Envelope.Ok(result);
        });
    }

    private static IResult List(HttpContext context, EmulatorStore store) => store.Transact(session =>
    {
        var request = context.Request;
        var filter = request.Query["name"].ToString();
        // `name` is a search; the undocumented exact=true makes it an exact match (docs/emulator.md).
        var exact = string.Equals(request.Query["exact"], "true", StringComparison.OrdinalIgnoreCase);
        var all = session.All<D1DatabaseEntity>(ApiPipelineMiddleware.AccountOf(context))
            .Where(d => filter.Length == 0 || (exact ? d.Name == filter : d.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
        var (items, info) = Paging.Page(all, request, defaultPerPage: 1000, maxPerPage: 10000, d => Summary(d));
        return Envelope.Ok(items, info);
    });

    // Accepts the uuid or the name, as wrangler's getDatabaseInfoFromIdOrName relies on.
    private static IResult Get(HttpContext context, string databaseId, EmulatorStore store) => store.Transact(session =>
    {
        var entity = Require(session, ApiPipelineMiddleware.AccountOf(context), databaseId);
        var result = Details(entity);
        result["running_in_region"] = Region(entity);
        return Envelope.Ok(result);
    });

    private static IResult Delete(HttpContext context, string databaseId, EmulatorStore store) => store.Transact(session =>
    {
        session.Remove(Require(session, ApiPipelineMiddleware.AccountOf(context), databaseId));
        return Envelope.Ok(null);
    });

    private static D1DatabaseEntity Require(EmulatorStore.StoreSession session, string account, string idOrName) =>
        session.All<D1DatabaseEntity>(account).FirstOrDefault(d => string.Equals(d.Uuid, idOrName, StringComparison.OrdinalIgnoreCase) || d.Name == idOrName)
        ?? throw new ApiException(404, ErrorCodes.D1NotFound, "Not Found");

    private static JsonObject Summary(D1DatabaseEntity entity)
    {
        var result = new JsonObject
        {
            ["uuid"] = entity.Uuid,
            ["name"] = entity.Name,
            ["version"] = "production",
            ["created_at"] = Json.Timestamp(entity.CreatedAt),
        };
        if (entity.Jurisdiction is not null)
        {
            result["jurisdiction"] = entity.Jurisdiction;
        }

        return result;
    }

    private static JsonObject Details(D1DatabaseEntity entity)
    {
        var result = Summary(entity);
        result["num_tables"] = 0;
        result["file_size"] = 0;
        result["read_replication"] = new JsonObject { ["mode"] = entity.ReadReplicationMode };
        return result;
    }

    private static string Region(D1DatabaseEntity entity) =>
        entity.Jurisdiction is "eu" ? "WEUR" : (entity.PrimaryLocationHint ?? "enam").ToUpperInvariant();

    [GeneratedRegex("^[a-z0-9][a-z0-9-_]*$")]
    private static partial Regex NamePattern();
}
