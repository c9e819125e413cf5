using System.Text.Json.Nodes;
using Provisioning.CloudflareEmulator.Api;
using Provisioning.CloudflareEmulator.Scripts;
using Provisioning.CloudflareEmulator.State;

namespace Provisioning.CloudflareEmulator.Endpoints;

/// <summary>Secrets are secret_text/secret_key bindings of the script; tags are script-level labels (max 8).</summary>
internal static class ScriptSecretAndTagEndpoints
{
    private const string Base = DispatchNamespaceEndpoints.Base + "/{namespace}/scripts/{script}";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPut(Base + "/secrets", PutSecretAsync).Operation("scripts.secrets.put");
        app.MapGet(Base + "/secrets", ListSecrets).Operation("scripts.secrets.list");
        app.MapGet(Base + "/secrets/{secretName}", GetSecret).Operation("scripts.secrets.get");
        app.MapDelete(Base + "/secrets/{secretName}", DeleteSecret).Operation("scripts.secrets.delete");
        app.MapGet(Base + "/tags", GetTags).Operation("scripts.tags.get");
        app.MapPut(Base + "/tags", PutTagsAsync).Operation("scripts.tags.put");
        app.MapPut(Base + "/tags/{tag}", AddTag).Operation("scripts.tags.add");
        app.MapDelete(Base + "/tags/{tag}", RemoveTag).Operation("scripts.tags.delete");
    }

    private static async Task<IResult> PutSecretAsync(HttpContext context, string @namespace, string script, EmulatorStore store, TimeProvider time)
    {
        var body = await Json.ReadObjectAsync(context.Request);
        var account = ApiPipelineMiddleware.AccountOf(context);
        var type = BindingRules.TypeOf(body);
        if (!BindingRules.IsSecret(type))
        {
            throw new ApiException(400, ErrorCodes.ScriptValidation, $"secret type must be secret_text or secret_key, not '{type}'");
        }

        var secret = BindingRules.ValidateShapes(new JsonArray(body.DeepClone()), new HashSet<string>(StringComparer.Ordinal))[0];
        var name = BindingRules.NameOf(secret);
        return store.Transact(session =>
        {
            var entity = EmulatorStore.Copy(ScriptEndpoints.Require(session, account, @namespace, script));
            var index = IndexOf(entity, name);
            if (index >= 0 && !BindingRules.IsSecret(BindingRules.TypeOf((JsonObject)entity.Bindings[index]!)))
            {
                // Seen live for a secret named like an existing plain_text binding (docs/emulator.md).
                throw new ApiException(400, ErrorCodes.BindingNameInUse, $"Binding name '{name}' already in use. Please use a different name and try again.");
            }

            if (index >= 0)
            {
                entity.Bindings[index] = secret;
            }
            else
            {
                entity.Bindings.Add(secret);
            }

            ScriptFields.NewVersion(entity, time.GetUtcNow());
            session.Save(entity);
            return Envelope.Ok(Describe(secret));
        });
    }

    private static IResult ListSecrets(HttpContext context, string @namespace, string script, EmulatorStore store) => store.Transact(session =>
    {
        var entity = ScriptEndpoints.Require(session, ApiPipelineMiddleware.AccountOf(context), @namespace, script);
        var secrets = entity.Bindings.OfType<JsonObject>().Where(b => BindingRules.IsSecret(BindingRules.TypeOf(b)))
            .Select(b => (JsonNode?)Describe(b)).ToArray();
        return Envelope.Ok(new JsonArray(secrets));
    });

    private static IResult GetSecret(HttpContext context, string @namespace, string script, string secretName, EmulatorStore store) => store.Transact(session =>
    {
        var entity = ScriptEndpoints.Require(session, ApiPipelineMiddleware.AccountOf(context), @namespace, script);
        return Envelope.Ok(Describe(RequireSecret(entity, secretName)));
    });

    private static IResult DeleteSecret(HttpContext context, string @namespace, string script, string secretName, EmulatorStore store, TimeProvider time) => store.Transact(session =>
    {
        var entity = EmulatorStore.Copy(ScriptEndpoints.Require(session, ApiPipelineMiddleware.AccountOf(context), @namespace, script));
        entity.Bindings.Remove(RequireSecret(entity, secretName));
        ScriptFields.NewVersion(entity, time.GetUtcNow());
        session.Save(entity);
        return Envelope.Ok(null);
    });

    private static IResult GetTags(HttpContext context, string @namespace, string script, EmulatorStore store) => store.Transact(session =>
    {
        var entity = ScriptEndpoints.Require(session, ApiPipelineMiddleware.AccountOf(context), @namespace, script);
        return Envelope.Ok(new JsonArray(entity.Tags.Select(t => (JsonNode?)t).ToArray()));
    });

    private static async Task<IResult> PutTagsAsync(HttpContext context, string @namespace, string script, EmulatorStore store, TimeProvider time)
    {
        var body = await Json.ReadNodeAsync(context.Request);
        var account = ApiPipelineMiddleware.AccountOf(context);
        var findings = new List<ApiErrorItem>();
        var tags = ScriptFields.Tags(body, findings);
        if (findings.Count > 0)
        {
            throw new ApiException(400, findings);
        }

        return store.Transact(session =>
        {
            var entity = EmulatorStore.Copy(ScriptEndpoints.Require(session, account, @namespace, script));
            entity.Tags = tags;
            ScriptFields.NewVersion(entity, time.GetUtcNow());
            session.Save(entity);
            return Envelope.Ok(new JsonArray(tags.Select(t => (JsonNode?)t).ToArray()));
        });
    }

    private static IResult AddTag(HttpContext context, string @namespace, string script, string tag, EmulatorStore store, TimeProvider time) =>
        ChangeTags(context, @namespace, script, store, time, tags => tags.Append(tag).Distinct(StringComparer.Ordinal).ToList());

    private static IResult RemoveTag(HttpContext context, string @namespace, string script, string tag, EmulatorStore store, TimeProvider time) =>
        ChangeTags(context, @namespace, script, store, time, tags => tags.Where(t => t != tag).ToList());

    // The single-tag routes answer a null result, as the spec declares.
    private static IResult ChangeTags(HttpContext context, string @namespace, string script, EmulatorStore store, TimeProvider time, Func<List<string>, List<string>> change) =>
        store.Transact(session =>
        {
            var entity = EmulatorStore.Copy(ScriptEndpoints.Require(session, ApiPipelineMiddleware.AccountOf(context), @namespace, script));
            var findings = new List<ApiErrorItem>();
            entity.Tags = ScriptFields.Tags(new JsonArray(change(entity.Tags).Select(t => (JsonNode?)t).ToArray()), findings);
            if (findings.Count > 0)
            {
                throw new ApiException(400, findings);
            }

            ScriptFields.NewVersion(entity, time.GetUtcNow());
            session.Save(entity);
            return Envelope.Ok(null);
        });

    private static int IndexOf(ScriptEntity entity, string name)
    {
        for (var i = 0; i < entity.Bindings.Count; i++)
        {
            if (entity.Bindings[i] is JsonObject binding && BindingRules.NameOf(binding) == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonObject RequireSecret(ScriptEntity entity, string name) =>
        entity.Bindings.OfType<JsonObject>().FirstOrDefault(b => BindingRules.NameOf(b) == name && BindingRules.IsSecret(BindingRules.TypeOf(b)))
        // Our choice (UNCONFIRMED): status and code for a secret that does not exist.
        ?? throw new ApiException(404, ErrorCodes.SecretNotFound, $"Secret '{name}' not found");

    // Only name and type (plus the key's public parameters) ever come back: values are write-only.
    private static JsonObject Describe(JsonObject secret)
    {
        var result = new JsonObject { ["name"] = BindingRules.NameOf(secret), ["type"] = BindingRules.TypeOf(secret) };
        if (BindingRules.TypeOf(secret) == BindingRules.SecretKey)
        {
            result["format"] = secret["format"]?.DeepClone();
            result["algorithm"] = secret["algorithm"]?.DeepClone();
            result["usages"] = secret["usages"]?.DeepClone();
        }

        return result;
    }
}
