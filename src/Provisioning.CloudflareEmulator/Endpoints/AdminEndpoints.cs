using System.Text.Json.Nodes;
using Provisioning.CloudflareEmulator.Api;
using Provisioning.CloudflareEmulator.Inspection;
using Provisioning.CloudflareEmulator.Scripts;
using Provisioning.CloudflareEmulator.State;

namespace Provisioning.CloudflareEmulator.Endpoints;

/// <summary>Test control under /__emulator/ (docs/emulator.md, admin API): no auth, plain JSON, never counted.</summary>
internal static class AdminEndpoints
{
    public const string Prefix = "/__emulator";

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Prefix);
        admin.MapGet("/health", () => Results.Json(new { status = "ok" }));
        admin.MapGet("/state", (EmulatorStore store, AccountDirectory accounts) => Results.Json(Snapshot(store, accounts)));
        admin.MapGet("/counters", (OperationCounters counters) => Results.Json(counters.Snapshot()));
        admin.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Snapshot()));
        admin.MapPost("/faults", (FaultRequest request, FaultInjector faults) =>
        {
            if (request.Status is < 0 or > 599 || request.Probability is < 0 or > 1 || request.Count is < 1 || request.LatencyMs is < 0
                || request.RetryAfterSeconds is < 0)
            {
                return Results.BadRequest(new { error = "status 0-599, probability 0-1, count >= 1, latencyMs >= 0 and retryAfterSeconds >= 0 expected" });
            }

            return Results.Json(new FaultCreated(faults.Add(request)));
        });
        admin.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.Json(new { removed = "all" });
        });
        admin.MapDelete("/faults/{id}", (string id, FaultInjector faults) =>
            faults.Remove(id) ? Results.Json(new { removed = id }) : Results.NotFound(new { error = $"no fault {id}" }));
        admin.MapPost("/reset", (EmulatorStore store, OperationCounters counters, FaultInjector faults, RateLimiter rateLimiter) =>
        {
            store.Reset();
            counters.Reset();
            faults.Clear();
            rateLimiter.Reset();
            return Results.Json(new { reset = true });
        });
        admin.MapGet("/ratelimit", (RateLimiter rateLimiter) => Results.Json(rateLimiter.Policy));
        admin.MapPut("/ratelimit", (RateLimitOptions policy, RateLimiter rateLimiter) =>
        {
            if (policy.Requests < 0 || policy.WindowSeconds < 1 || policy.LockoutSeconds < 0)
            {
                return Results.BadRequest(new { error = "requests >= 0, windowSeconds >= 1 and lockoutSeconds >= 0 expected" });
            }

            rateLimiter.Configure(policy);
            return Results.Json(rateLimiter.Policy);
        });
    }

    private static EmulatorState Snapshot(EmulatorStore store, AccountDirectory accounts) => store.Transact(session =>
    {
        var accountIds = accounts.AccountIds.Union(session.All<Entity>().Select(e => e.AccountId)).Distinct().OrderBy(a => a, StringComparer.Ordinal);
        return new EmulatorState(accountIds.Select(account =>
        {
            var namespaces = session.All<DispatchNamespaceEntity>(account).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
            var scripts = session.All<ScriptEntity>(account).ToList();
            return new AccountState(
                account,
                namespaces.Select(n => new DispatchNamespaceState(n.Id, n.Name, n.TrustedWorkers, scripts.Count(s => s.NamespaceId == n.Id), n.CreatedOn, n.ModifiedOn)).ToList(),
                scripts.Select(s => ToState(s, namespaces.FirstOrDefault(n => n.Id == s.NamespaceId)?.Name ?? ""))
                    .OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToList(),
                session.All<KvNamespaceEntity>(account).OrderBy(k => k.Title, StringComparer.Ordinal).Select(k => new KvNamespaceState(k.Id, k.Title)).ToList(),
                session.All<D1DatabaseEntity>(account).OrderBy(d => d.Name, StringComparer.Ordinal)
                    .Select(d => new D1DatabaseState(d.Uuid, d.Name, d.Jurisdiction, d.PrimaryLocationHint, d.CreatedAt)).ToList(),
                session.All<R2BucketEntity>(account).OrderBy(b => b.Jurisdiction, StringComparer.Ordinal).ThenBy(b => b.Name, StringComparer.Ordinal)
                    .Select(b => new R2BucketState(b.Name, b.Jurisdiction, b.Location, b.StorageClass, b.CreationDate)).ToList());
        }).ToList());
    });

    private static ScriptState ToState(ScriptEntity script, string namespaceName)
    {
        var bindings = script.Bindings.OfType<JsonObject>().ToList();
        return new ScriptState(
            script.Name,
            namespaceName,
            script.NamespaceId,
            script.Tag,
            script.Etag,
            script.DeploymentId,
            script.MainModule,
            script.BodyPart,
            ScriptFields.MainModuleOf(script) is { } main ? ScriptFields.Sha256Hex(main.Content) : null,
            script.Modules.Select(m => new ModuleState(m.Name, m.ContentType, m.Content.Length, ScriptFields.Sha256Hex(m.Content))).ToList(),
            bindings.Select(b => (JsonObject)b.DeepClone()).ToList(),
            bindings.Where(b => BindingRules.IsSecret(BindingRules.TypeOf(b))).Select(BindingRules.NameOf).ToList(),
            script.Tags.ToList(),
            script.CompatibilityDate,
            script.CompatibilityFlags.ToList(),
            script.CreatedOn,
            script.ModifiedOn);
    }
}
