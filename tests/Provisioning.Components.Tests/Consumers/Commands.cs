using Provisioning.Contracts;

namespace Provisioning.Components.Tests.Consumers;

/// <summary>Valid commands to start from; each rejection spec breaks one thing.</summary>
static class Commands
{
    public static string NewTenantId() => $"t-{Guid.NewGuid():N}"[..20];

    public static ScriptSpec Script(string main = "index.js") => new()
    {
        MainModule = main,
        Modules = [new ScriptModule { Name = "index.js", Content = "export default { fetch() { return new Response('hi'); } };" }],
        CompatibilityDate = "2025-11-01",
        CompatibilityFlags = ["nodejs_compat"],
    };

    public static ProvisionTenant Provision(string? tenantId = null) => new()
    {
        CommandId = Guid.NewGuid(),
        TenantId = tenantId ?? NewTenantId(),
        DispatchNamespace = "customers",
        ScriptName = "acme_main-1",
        Resources =
        [
            new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace },
            new ResourceSpec { BindingName = "DB", Type = BindingTypes.D1, LocationHint = "weur" },
            new ResourceSpec { BindingName = "FILES", Type = BindingTypes.R2Bucket, Jurisdiction = "eu" },
        ],
        Bindings =
        [
            new BindingSpec { Name = "GREETING", Type = BindingTypes.PlainText, Text = "hello" },
            new BindingSpec { Name = "API_KEY", Type = BindingTypes.SecretText, Text = "s3cr3t" },
            new BindingSpec { Name = "SETTINGS", Type = BindingTypes.Json, Json = "{\"tier\":\"gold\"}" },
            new BindingSpec { Name = "AUTH", Type = BindingTypes.Service, Service = "auth-worker", Entrypoint = "Api" },
            new BindingSpec { Name = "JOBS", Type = BindingTypes.Queue, QueueName = "jobs" },
            new BindingSpec { Name = "EVENTS", Type = BindingTypes.AnalyticsEngine, Dataset = "events" },
            new BindingSpec { Name = "COUNTER", Type = BindingTypes.DurableObjectNamespace, ClassName = "Counter" },
            new BindingSpec { Name = "$dispatch_2", Type = BindingTypes.DispatchNamespace, Namespace = "inner" },
        ],
        Script = Script(),
        Tags = ["plan:gold"],
    };

    public static AttachBinding Attach(string? tenantId = null) => new()
    {
        CommandId = Guid.NewGuid(),
        TenantId = tenantId ?? NewTenantId(),
        Resource = new ResourceSpec { BindingName = "SESSIONS", Type = BindingTypes.KvNamespace },
    };

    public static DetachBinding Detach(string? tenantId = null) => new()
    {
        CommandId = Guid.NewGuid(),
        TenantId = tenantId ?? NewTenantId(),
        BindingName = "SESSIONS",
        DeleteResource = true,
    };

    public static DeployScript Deploy(string? tenantId = null) => new()
    {
        CommandId = Guid.NewGuid(),
        TenantId = tenantId ?? NewTenantId(),
        Script = Script(),
    };

    public static DeprovisionTenant Deprovision(string? tenantId = null) => new()
    {
        CommandId = Guid.NewGuid(),
        TenantId = tenantId ?? NewTenantId(),
    };
}
