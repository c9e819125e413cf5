using Provisioning.Contracts;

namespace Provisioning.Components.Tests.StateMachines;

/// <summary>Commands for the saga specs: a tenant with KV, D1, R2, a variable and a secret.</summary>
static class TenantCommands
{
    public const string Secret = "s3cr3t-value";

    public static string NewTenantId() => $"t{Guid.NewGuid():N}"[..16];

    public static ScriptSpec Script(string body = "hi") => new()
    {
        MainModule = "index.js",
        Modules = [new ScriptModule { Name = "index.js", Content = $"export default {{ fetch() {{ return new Response('{body}'); }} }};" }],
        CompatibilityDate = "2025-11-01",
    };

    public static ProvisionTenant Provision(string tenantId, params ResourceSpec[] resources) => new()
    {
        CommandId = Guid.NewGuid(),
        TenantId = tenantId,
        Resources = resources.Length > 0
            ? resources
            :
            [
                new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace },
                new ResourceSpec { BindingName = "DB", Type = BindingTypes.D1 },
                new ResourceSpec { BindingName = "FILES", Type = BindingTypes.R2Bucket },
            ],
        Bindings =
        [
            new BindingSpec { Name = "GREETING", Type = BindingTypes.PlainText, Text = "hello" },
            new BindingSpec { Name = "API_KEY", Type = BindingTypes.SecretText, Text = Secret },
        ],
        Script = Script(),
    };

    public static ProvisionTenant WithoutSecrets(ProvisionTenant command) =>
        command with { Bindings = command.Bindings.Where(x => x.Type != BindingTypes.SecretText).ToList() };

    public static ResourceSpec Kv(string binding) => new() { BindingName = binding, Type = BindingTypes.KvNamespace };

    public static ResourceSpec D1(string binding) => new() { BindingName = binding, Type = BindingTypes.D1 };

    public static AttachBinding Attach(string tenantId, ResourceSpec resource) =>
        new() { CommandId = Guid.NewGuid(), TenantId = tenantId, Resource = resource };

    public static AttachBinding Attach(string tenantId, BindingSpec binding) =>
        new() { CommandId = Guid.NewGuid(), TenantId = tenantId, Binding = binding };

    public static DetachBinding Detach(string tenantId, string binding, bool deleteResource) =>
        new() { CommandId = Guid.NewGuid(), TenantId = tenantId, BindingName = binding, DeleteResource = deleteResource };

    public static DeployScript Deploy(string tenantId, string body) =>
        new() { CommandId = Guid.NewGuid(), TenantId = tenantId, Script = Script(body) };

    public static DeprovisionTenant Deprovision(string tenantId) => new() { CommandId = Guid.NewGuid(), TenantId = tenantId };
}
