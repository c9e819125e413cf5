using System.Text.Json.Nodes;
using Provisioning.CloudflareEmulator.Api;
using Provisioning.CloudflareEmulator.State;

namespace Provisioning.CloudflareEmulator.Endpoints;

internal static class KvEndpoints
{
    private const string Base = "/client/v4/accounts/{accountId}/storage/kv/namespaces";
    private const int MaxTitleLength = 512;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Base, CreateAsync).Operation("kv.create");
        app.MapGet(Base, List).Operation("kv.list");
        app.MapGet(Base + "/{namespaceId}", Get).Operation("kv.get");
        app.MapPut(Base + "/{namespaceId}", RenameAsync).Operation("kv.rename");
        app.MapDelete(Base + "/{namespaceId}", Delete).Operation("kv.delete");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, EmulatorStore store)
    {
        var body = await Json.ReadObjectAsync(context.Request);
        var account = ApiPipelineMiddleware.AccountOf(context);
        var title = ValidTitle(body);
        return store.Transact(session =>
        {
            EnsureTitleFree(session, account, title);
            var entity = new KvNamespaceEntity { AccountId = account, Id = Guid.NewGuid().ToString("N"), Title = title };
            session.Save(entity);
            return Envelope.Ok(ToJson(entity));
        });
    }

    private static IResult List(HttpContext context, EmulatorStore store) => store.Transact(session =>
    {
        var request = context.Request;
        var byTitle = string.Equals(request.Query["order"], "title", StringComparison.Ordinal);
        var all = session.All<KvNamespaceEntity>(ApiPipelineMiddleware.AccountOf(context))
            .OrderBy(n => byTitle ? n.Title : n.Id, StringComparer.Ordinal).ToList();
        if (Paging.Descending(request))
        {
            all.Reverse();
        }

        var (items, info) = Paging.Page(all, request, defaultPerPage: 20, maxPerPage: 1000, ToJson);
        return Envelope.Ok(items, info);
    });

    private static IResult Get(HttpContext context, string namespaceId, EmulatorStore store) => store.Transact(session =>
        Envelope.Ok(ToJson(Require(session, ApiPipelineMiddleware.AccountOf(context), namespaceId))));

    // The 2024 spec says rename has no result; SDK 7.1 returns the Namespace, which is what we send.
    private static async Task<IResult> RenameAsync(HttpContext context, string namespaceId, EmulatorStore store)
    {
        var body = await Json.ReadObjectAsync(context.Request);
        var account = ApiPipelineMiddleware.AccountOf(context);
        var title = ValidTitle(body);
        return store.Transact(session =>
        {
            var entity = EmulatorStore.Copy(Require(session, account, namespaceId));
            if (entity.Title != title)
            {
                EnsureTitleFree(session, account, title);
                entity.Title = title;
                session.Save(entity);
            }

            return Envelope.Ok(ToJson(entity));
        });
    }

    private static IResult Delete(HttpContext context, string namespaceId, EmulatorStore store) => store.Transact(session =>
    {
        session.Remove(Require(session, ApiPipelineMiddleware.AccountOf(context), namespaceId));
        return Envelope.Ok(new JsonObject());
    });

    private static KvNamespaceEntity Require(EmulatorStore.StoreSession session, string account, string id) =>
        session.All<KvNamespaceEntity>(account).FirstOrDefault(n => n.Id == id)
        ?? throw new ApiException(404, ErrorCodes.KvNamespaceNotFound, "namespace not found");

    private static string ValidTitle(JsonObject body)
    {
        var title = body.String("title");
        if (string.IsNullOrEmpty(title))
        {
            throw new ApiException(400, ErrorCodes.KvTitleMissing, "title is required");
        }

        // The current API reference caps titles at 512; the code for a too-long title is our choice (UNCONFIRMED).
        if (title.Length > MaxTitleLength)
        {
            throw new ApiException(400, ErrorCodes.KvTitleMissing, $"title must be at most {MaxTitleLength} characters");
        }

        return title;
    }

    private static void EnsureTitleFree(EmulatorStore.StoreSession session, string account, string title)
    {
        if (session.All<KvNamespaceEntity>(account).Any(n => n.Title == title))
        {
            throw new ApiException(400, ErrorCodes.KvTitleExists, "a namespace with this account ID and title already exists");
        }
    }

    private static JsonObject ToJson(KvNamespaceEntity entity) => new()
    {
        ["id"] = entity.Id,
        ["title"] = entity.Title,
        ["supports_url_encoding"] = true,
    };
}
