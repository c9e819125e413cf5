using System.Text.Json.Nodes;
using Provisioning.CloudflareEmulator.Api;
using Provisioning.CloudflareEmulator.State;

namespace Provisioning.CloudflareEmulator.Endpoints;

internal static class DispatchNamespaceEndpoints
{
    public const string Base = "/client/v4/accounts/{accountId}/workers/dispatch/namespaces";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Base, CreateAsync).Operation("dispatch.namespaces.create");
        app.MapGet(Base, List).Operation("dispatch.namespaces.list");
        app.MapGet(Base + "/{namespace}", Get).Operation("dispatch.namespaces.get");
        app.MapPut(Base + "/{namespace}", UpdateAsync).Operation("dispatch.namespaces.update");
        app.MapDelete(Base + "/{namespace}", Delete).Operation("dispatch.namespaces.delete");
    }

    public static DispatchNamespaceEntity Require(EmulatorStore.StoreSession session, string accountId, string name) =>
        session.All<DispatchNamespaceEntity>(accountId).FirstOrDefault(n => n.Name == name)
        ?? throw new ApiException(404, ErrorCodes.DispatchNamespaceNotFound, "workers.api.error.dispatch_namespace_not_found");

    private static async Task<IResult> CreateAsync(HttpContext context, EmulatorStore store, TimeProvider time)
    {
        var body = await Json.ReadObjectAsync(context.Request);
        var account = ApiPipelineMiddleware.AccountOf(context);
        // The SDK types `name` as optional; Cloudflare then picks a name. We do the same with a random one.
        var name = body.String("name") ?? $"namespace-{Guid.NewGuid():N}"[..22];
        ValidateName(name);
        return store.Transact(session =>
        {
            EnsureNameFree(session, account, name);
            var now = time.GetUtcNow();
            var entity = new DispatchNamespaceEntity
            {
                AccountId = account,
                Id = Guid.NewGuid().ToString(),
                Name = name,
                TrustedWorkers = body.Bool("trusted_workers") ?? false,
                CreatedOn = now,
                ModifiedOn = now,
            };
            session.Save(entity);
            return Envelope.Ok(ToJson(session, entity));
        });
    }

    private static IResult List(HttpContext context, EmulatorStore store) => store.Transact(session =>
    {
        var account = ApiPipelineMiddleware.AccountOf(context);
        var items = session.All<DispatchNamespaceEntity>(account).OrderBy(n => n.CreatedOn).ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => (JsonNode?)ToJson(session, n)).ToArray();
        return Envelope.Ok(new JsonArray(items));
    });

    private static IResult Get(HttpContext context, string @namespace, EmulatorStore store) => store.Transact(session =>
        Envelope.Ok(ToJson(session, Require(session, ApiPipelineMiddleware.AccountOf(context), @namespace))));

    // PUT renames and/or toggles trusted_workers (wrangler's rename; the docs' trust toggle). Result shape UNCONFIRMED:
    // we answer the Namespace object.
    private static async Task<IResult> UpdateAsync(HttpContext context, string @namespace, EmulatorStore store, TimeProvider time)
    {
        var body = await Json.ReadObjectAsync(context.Request);
        var account = ApiPipelineMiddleware.AccountOf(context);
        return store.Transact(session =>
        {
            var entity = EmulatorStore.Copy(Require(session, account, @namespace));
            var newName = body.String("name") ?? entity.Name;
            ValidateName(newName);
            if (newName != entity.Name)
            {
                EnsureNameFree(session, account, newName);
                entity.Name = newName;
            }

            entity.TrustedWorkers = body.Bool("trusted_workers") ?? entity.TrustedWorkers;
            entity.ModifiedOn = time.GetUtcNow();
            session.Save(entity);
            return Envelope.Ok(ToJson(session, entity));
        });
    }

    // Our choice (UNCONFIRMED): deleting a namespace deletes the scripts in it, as the dashboard warns it does.
    private static IResult Delete(HttpContext context, string @namespace, EmulatorStore store) => store.Transact(session =>
    {
        var account = ApiPipelineMiddleware.AccountOf(context);
        var entity = Require(session, account, @namespace);
        foreach (var script in session.All<ScriptEntity>(account).Where(s => s.NamespaceId == entity.Id).ToList())
        {
            session.Remove(script);
        }

        session.Remove(entity);
        return Envelope.Ok(null);
    });

    private static void ValidateName(string name)
    {
        // The spec's only rule is ^.+$; a slash could never be addressed in a path, so it is refused too.
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ApiException(400, ErrorCodes.ScriptValidation, "namespace name is invalid");
        }
    }

    private static void EnsureNameFree(EmulatorStore.StoreSession session, string account, string name)
    {
        if (session.All<DispatchNamespaceEntity>(account).Any(n => n.Name == name))
        {
            // Our choice (UNCONFIRMED): 409 like R2's conflict, with our own code.
            throw new ApiException(409, ErrorCodes.DispatchNamespaceExists, $"A dispatch namespace named '{name}' already exists");
        }
    }

    private static JsonObject ToJson(EmulatorStore.StoreSession session, DispatchNamespaceEntity entity) => new()
    {
        ["namespace_id"] = entity.Id,
        ["namespace_name"] = entity.Name,
        ["created_on"] = Json.Timestamp(entity.CreatedOn),
        ["created_by"] = entity.AccountId,
        ["modified_on"] = Json.Timestamp(entity.ModifiedOn),
        ["modified_by"] = entity.AccountId,
        ["script_count"] = session.All<ScriptEntity>(entity.AccountId).Count(s => s.NamespaceId == entity.Id),
        ["trusted_workers"] = entity.TrustedWorkers,
    };
}
