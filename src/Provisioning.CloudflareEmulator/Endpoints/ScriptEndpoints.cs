using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Provisioning.CloudflareEmulator.Api;
using Provisioning.CloudflareEmulator.Scripts;
using Provisioning.CloudflareEmulator.State;

namespace Provisioning.CloudflareEmulator.Endpoints;

internal static partial class ScriptEndpoints
{
    private const string Base = DispatchNamespaceEndpoints.Base + "/{namespace}/scripts/{script}";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPut(Base, UploadAsync).Operation("scripts.upload");
        app.MapGet(Base, Get).Operation("scripts.get");
        app.MapDelete(Base, Delete).Operation("scripts.delete");
        app.MapGet(Base + "/bindings", GetBindings).Operation("scripts.bindings.get");
        app.MapGet(Base + "/settings", GetSettings).Operation("scripts.settings.get");
        app.MapPatch(Base + "/settings", PatchSettingsAsync).Operation("scripts.settings.patch");
        app.MapGet(Base + "/content", GetContentAsync).Operation("scripts.content.get");

        // Non-dispatch script endpoints wrangler probes during `deploy --dispatch-namespace`; it swallows the
        // errors, and 404/10007 is what it gets from an account without such a regular Worker (docs/emulator.md).
        app.MapGet("/client/v4/accounts/{accountId}/workers/scripts/{script}/secrets", ScriptNotFound).Operation("workers.scripts.secrets.list");
        app.MapGet("/client/v4/accounts/{accountId}/workers/scripts/{script}/settings", ScriptNotFound).Operation("workers.scripts.settings.get");
    }

    public static ScriptEntity Require(EmulatorStore.StoreSession session, string account, string @namespace, string script)
    {
        var ns = DispatchNamespaceEndpoints.Require(session, account, @namespace);
        return session.All<ScriptEntity>(account).FirstOrDefault(s => s.NamespaceId == ns.Id && s.Name == script) ?? throw NotFound();
    }

    public static ApiException NotFound() =>
        new(404, [new ApiErrorItem(ErrorCodes.ScriptNotFound, "This Worker does not exist on your account.")]);

    private static IResult ScriptNotFound() => throw NotFound();

    private static async Task<IResult> UploadAsync(HttpContext context, string @namespace, string script, EmulatorStore store, IOptions<EmulatorOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        var account = ApiPipelineMiddleware.AccountOf(context);
        ValidateScriptName(script);
        var upload = await ScriptUpload.ReadAsync(context.Request, settings.MaxScriptSizeBytes);
        var metadata = upload.Metadata;
        var strict = string.Equals(context.Request.Query["bindings_inherit"], "strict", StringComparison.Ordinal);
        var excludeScript = string.Equals(context.Request.Query["excludeScript"], "true", StringComparison.OrdinalIgnoreCase);
        var partNames = upload.Parts.Select(p => p.PartName).ToHashSet(StringComparer.Ordinal);
        var requested = BindingRules.ValidateShapes(metadata["bindings"], partNames);
        var findings = new List<ApiErrorItem>();
        var keepTypes = ScriptFields.StringList(metadata, "keep_bindings", findings).ToHashSet(StringComparer.Ordinal);
        if (findings.Count > 0)
        {
            throw new ApiException(400, findings);
        }

        return store.Transact(session =>
        {
            var ns = DispatchNamespaceEndpoints.Require(session, account, @namespace);
            var previous = session.All<ScriptEntity>(account).FirstOrDefault(s => s.NamespaceId == ns.Id && s.Name == script);
            var now = time.GetUtcNow();
            var entity = previous is not null ? EmulatorStore.Copy(previous) : new ScriptEntity
            {
                AccountId = account,
                NamespaceId = ns.Id,
                Name = script,
                Tag = Guid.NewGuid().ToString("N"),
                CreatedOn = now,
            };
            var previousBindings = previous?.Bindings.OfType<JsonObject>().ToList() ?? [];
            var previousDeployment = previous?.DeploymentId;

            ScriptRevisions.ApplyCode(entity, previous, upload, settings.AllowMetadataOnlyUpload);
            var bindings = ScriptRevisions.ResolveBindings(requested, previousBindings, previousDeployment, keepTypes, strict, settings.SecretsRetainedImplicitly);
            var missing = BindingRules.MissingTargets(bindings, session, account);
            if (missing.Count > 0)
            {
                throw new ApiException(400, missing);
            }

            ScriptFields.Apply(entity, metadata, partial: false);
            entity.Bindings = new JsonArray(bindings.Select(b => (JsonNode?)b).ToArray());
            entity.StartupTimeMs = 1 + (int)(entity.Modules.Sum(m => (long)m.Content.Length) / 100_000);
            ScriptFields.NewVersion(entity, now);
            session.Save(entity);
            return Envelope.Ok(ScriptFields.UpdateResponse(entity, includeScript: !excludeScript));
        });
    }

    private static IResult Get(HttpContext context, string @namespace, string script, EmulatorStore store) => store.Transact(session =>
    {
        var account = ApiPipelineMiddleware.AccountOf(context);
        var ns = DispatchNamespaceEndpoints.Require(session, account, @namespace);
        // wrangler's first call of `deploy --dispatch-namespace` is this GET, and it only takes code 10092
        // ("environment not found") as "not deployed yet"; 10007 here aborts every first deploy (FINDINGS F1).
        var entity = session.All<ScriptEntity>(account).FirstOrDefault(s => s.NamespaceId == ns.Id && s.Name == script)
            ?? throw new ApiException(404, [new ApiErrorItem(ErrorCodes.ScriptEnvironmentNotFound, "workers.api.error.environment_not_found")]);
        return Envelope.Ok(new JsonObject
        {
            ["created_on"] = Json.Timestamp(entity.CreatedOn),
            ["modified_on"] = Json.Timestamp(entity.ModifiedOn),
            ["dispatch_namespace"] = @namespace,
            ["script"] = ScriptFields.ScriptObject(entity),
        });
    });

    // `force` is accepted; the emulator tracks no dependants that could block a delete.
    private static IResult Delete(HttpContext context, string @namespace, string script, EmulatorStore store) => store.Transact(session =>
    {
        session.Remove(Require(session, ApiPipelineMiddleware.AccountOf(context), @namespace, script));
        return Envelope.Ok(null);
    });

    private static IResult GetBindings(HttpContext context, string @namespace, string script, EmulatorStore store) => store.Transact(session =>
        Envelope.Ok(BindingRules.Public(Require(session, ApiPipelineMiddleware.AccountOf(context), @namespace, script).Bindings)));

    private static IResult GetSettings(HttpContext context, string @namespace, string script, EmulatorStore store) => store.Transact(session =>
        Envelope.Ok(ScriptFields.Settings(Require(session, ApiPipelineMiddleware.AccountOf(context), @namespace, script))));

    private static async Task<IResult> PatchSettingsAsync(HttpContext context, string @namespace, string script, EmulatorStore store, IOptions<EmulatorOptions> options, TimeProvider time)
    {
        var account = ApiPipelineMiddleware.AccountOf(context);
        // The SDK sends `settings` as a JSON file part, wrangler as a text field; a plain JSON body is accepted too.
        var patch = context.Request.HasJsonContentType()
            ? await Json.ReadObjectAsync(context.Request)
            : (await ScriptUpload.ReadAsync(context.Request, options.Value.MaxScriptSizeBytes, metadataPartName: "settings")).Metadata;
        return store.Transact(session =>
        {
            var entity = EmulatorStore.Copy(Require(session, account, @namespace, script));
            if (patch.ContainsKey("bindings"))
            {
                // bindings present = the whole list; {name, type} alone keeps the existing binding (wrangler's secret code).
                var existing = entity.Bindings.OfType<JsonObject>().ToList();
                var bindings = BindingRules.ValidateShapes(
                    patch["bindings"] ?? new JsonArray(),
                    new HashSet<string>(StringComparer.Ordinal),
                    b => existing.FirstOrDefault(e => BindingRules.NameOf(e) == BindingRules.NameOf(b) && BindingRules.TypeOf(e) == BindingRules.TypeOf(b)));
                if (bindings.Any(b => BindingRules.TypeOf(b) == BindingRules.Inherit))
                {
                    throw new ApiException(400, ErrorCodes.ScriptValidation, "inherit bindings are only valid in an upload");
                }

                var missing = BindingRules.MissingTargets(bindings, session, account);
                if (missing.Count > 0)
                {
                    throw new ApiException(400, missing);
                }

                entity.Bindings = new JsonArray(bindings.Select(b => (JsonNode?)b).ToArray());
            }

            ScriptFields.Apply(entity, patch, partial: true);
            ScriptFields.NewVersion(entity, time.GetUtcNow());
            session.Save(entity);
            return Envelope.Ok(ScriptFields.Settings(entity));
        });
    }

    /// <summary>
    /// The code as uploaded. Not an envelope. A service-worker script comes back raw; a module Worker as
    /// multipart/form-data with the entry module in `cf-entrypoint`, as wrangler reads `…/content/v2` (the dispatch
    /// format is UNCONFIRMED, docs/emulator.md).
    /// </summary>
    private static async Task GetContentAsync(HttpContext context, string @namespace, string script, EmulatorStore store)
    {
        var entity = store.Transact(session => EmulatorStore.Copy(Require(session, ApiPipelineMiddleware.AccountOf(context), @namespace, script)));
        var modules = entity.Modules;
        if (!entity.HasModules && modules.Count == 1)
        {
            context.Response.ContentType = modules[0].ContentType;
            await context.Response.Body.WriteAsync(modules[0].Content, context.RequestAborted);
            return;
        }

        var boundary = $"----emulator{Guid.NewGuid():N}";
        context.Response.ContentType = $"multipart/form-data; boundary={boundary}";
        context.Response.Headers["cf-entrypoint"] = entity.MainModule ?? entity.BodyPart ?? "";
        using var body = new MemoryStream();
        foreach (var module in modules)
        {
            var header = $"--{boundary}\r\nContent-Disposition: form-data; name=\"{module.Name}\"; filename=\"{module.Name}\"\r\nContent-Type: {module.ContentType}\r\n\r\n";
            body.Write(Encoding.UTF8.GetBytes(header));
            body.Write(module.Content);
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.UTF8.GetBytes($"--{boundary}--\r\n"));
        await context.Response.Body.WriteAsync(body.ToArray(), context.RequestAborted);
    }

    private static void ValidateScriptName(string name)
    {
        // The spec's workers_script_name pattern, which it declares for this dispatch path too. The 63-char limit
        // of regular Workers is not applied: wrangler skips name checks for dispatch deploys because "Workers for
        // Platforms doesn't check script names" (PR #5093). The error code is our choice (UNCONFIRMED).
        if (!ScriptNamePattern().IsMatch(name))
        {
            throw new ApiException(400, ErrorCodes.ScriptValidation, $"invalid script name '{name}': must match ^[a-z0-9_][a-z0-9-_]*$");
        }
    }

    [GeneratedRegex("^[a-z0-9_][a-z0-9-_]*$")]
    private static partial Regex ScriptNamePattern();
}
