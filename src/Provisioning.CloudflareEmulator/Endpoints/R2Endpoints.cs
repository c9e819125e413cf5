using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Provisioning.CloudflareEmulator.Api;
using Provisioning.CloudflareEmulator.State;

namespace Provisioning.CloudflareEmulator.Endpoints;

/// <summary>
/// R2 buckets. Its quirks: camelCase request keys, the jurisdiction in the cf-r2-jurisdiction header (a bucket
/// elsewhere is invisible without it), upper-case locations and a list result of {buckets: [...]}.
/// </summary>
internal static partial class R2Endpoints
{
    private const string Base = "/client/v4/accounts/{accountId}/r2/buckets";
    private const string JurisdictionHeader = "cf-r2-jurisdiction";

    private static readonly HashSet<string> Jurisdictions = new(StringComparer.Ordinal) { "default", "eu", "fedramp" };
    private static readonly HashSet<string> LocationHints = new(StringComparer.OrdinalIgnoreCase) { "apac", "eeur", "enam", "weur", "wnam", "oc" };
    private static readonly HashSet<string> StorageClasses = new(StringComparer.Ordinal) { "Standard", "InfrequentAccess" };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Base, CreateAsync).Operation("r2.create");
        app.MapGet(Base, List).Operation("r2.list");
        app.MapGet(Base + "/{bucketName}", Get).Operation("r2.get");
        app.MapDelete(Base + "/{bucketName}", Delete).Operation("r2.delete");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, EmulatorStore store, TimeProvider time)
    {
        var body = await Json.ReadObjectAsync(context.Request);
        var account = ApiPipelineMiddleware.AccountOf(context);
        var jurisdiction = JurisdictionOf(context.Request);
        var name = body.String("name") ?? "";
        if (!NamePattern().IsMatch(name))
        {
            throw new ApiException(400, ErrorCodes.R2InvalidBucketName, "The specified bucket name is not valid.");
        }

        var hint = body.String("locationHint");
        if (hint is not null && !LocationHints.Contains(hint))
        {
            throw new ApiException(400, ErrorCodes.R2InvalidArgument, $"Invalid location hint '{hint}'");
        }

        var storageClass = body.String("storageClass") ?? "Standard";
        if (!StorageClasses.Contains(storageClass))
        {
            throw new ApiException(400, ErrorCodes.R2InvalidArgument, $"Invalid storage class '{storageClass}'");
        }

        return store.Transact(session =>
        {
            if (Find(session, account, jurisdiction, name) is not null)
            {
                throw new ApiException(409, ErrorCodes.R2BucketExists, "The bucket you tried to create already exists, and you own it.");
            }

            var entity = new R2BucketEntity
            {
                AccountId = account,
                Name = name,
                Jurisdiction = jurisdiction,
                // The live API answers upper-case locations; without a hint we place eu buckets in WEUR, others in ENAM.
                Location = (hint ?? (jurisdiction == "eu" ? "weur" : "enam")).ToUpperInvariant(),
                StorageClass = storageClass,
                CreationDate = time.GetUtcNow(),
            };
            session.Save(entity);
            return Envelope.Ok(ToJson(entity));
        });
    }

    private static IResult List(HttpContext context, EmulatorStore store) => store.Transact(session =>
    {
        var request = context.Request;
        var jurisdiction = JurisdictionOf(request);
        var contains = request.Query["name_contains"].ToString();
        var startAfter = request.Query["start_after"].ToString();
        var cursor = DecodeCursor(request.Query["cursor"].ToString());
        var descending = Paging.Descending(request);
        var perPage = Math.Clamp(Paging.IntQuery(request, "per_page") ?? 20, 1, 1000);
        var ordered = session.All<R2BucketEntity>(ApiPipelineMiddleware.AccountOf(context))
            .Where(b => b.Jurisdiction == jurisdiction && (contains.Length == 0 || b.Name.Contains(contains, StringComparison.Ordinal)))
            .OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
        if (descending)
        {
            ordered.Reverse();
        }

        var after = cursor ?? (startAfter.Length > 0 ? startAfter : null);
        var remaining = ordered.Where(b => after is null || (descending
            ? string.CompareOrdinal(b.Name, after) < 0
            : string.CompareOrdinal(b.Name, after) > 0)).ToList();
        var page = remaining.Take(perPage).ToList();
        var nextCursor = remaining.Count > perPage ? EncodeCursor(page[^1].Name) : "";
        var result = new JsonObject { ["buckets"] = new JsonArray(page.Select(b => (JsonNode?)ToJson(b)).ToArray()) };
        return Envelope.Ok(result, new JsonObject { ["cursor"] = nextCursor, ["per_page"] = perPage });
    });

    private static IResult Get(HttpContext context, string bucketName, EmulatorStore store) => store.Transact(session =>
        Envelope.Ok(ToJson(Require(session, ApiPipelineMiddleware.AccountOf(context), JurisdictionOf(context.Request), bucketName))));

    private static IResult Delete(HttpContext context, string bucketName, EmulatorStore store) => store.Transact(session =>
    {
        session.Remove(Require(session, ApiPipelineMiddleware.AccountOf(context), JurisdictionOf(context.Request), bucketName));
        return Envelope.Ok(new JsonObject());
    });

    private static R2BucketEntity? Find(EmulatorStore.StoreSession session, string account, string jurisdiction, string name) =>
        session.All<R2BucketEntity>(account).FirstOrDefault(b => b.Name == name && b.Jurisdiction == jurisdiction);

    private static R2BucketEntity Require(EmulatorStore.StoreSession session, string account, string jurisdiction, string name) =>
        Find(session, account, jurisdiction, name) ?? throw new ApiException(404, ErrorCodes.R2BucketNotFound, "The specified bucket does not exist.");

    private static string JurisdictionOf(HttpRequest request)
    {
        var value = request.Headers[JurisdictionHeader].ToString();
        if (value.Length == 0)
        {
            return "default";
        }

        return Jurisdictions.Contains(value)
            ? value
            : throw new ApiException(400, ErrorCodes.R2InvalidArgument, $"Invalid jurisdiction '{value}'");
    }

    private static string EncodeCursor(string name) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(name));

    private static string? DecodeCursor(string cursor)
    {
        if (cursor.Length == 0)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
        }
        catch (FormatException)
        {
            throw new ApiException(400, ErrorCodes.R2InvalidArgument, "Invalid cursor");
        }
    }

    private static JsonObject ToJson(R2BucketEntity entity) => new()
    {
        ["name"] = entity.Name,
        ["creation_date"] = Json.Timestamp(entity.CreationDate),
        ["location"] = entity.Location,
        ["storage_class"] = entity.StorageClass,
        ["jurisdiction"] = entity.Jurisdiction,
    };

    // wrangler's rule: 3-63 chars of lower-case letters, digits and hyphens, alphanumeric at both ends.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex NamePattern();
}
