using Provisioning.Components.Tests.Persistence.Databases;
using Provisioning.Contracts;

namespace Provisioning.Components.Tests.Consumers;

/// <summary>Every rejection: CommandRejected with a reason naming the problem, and nothing stored.</summary>
public sealed class CommandRejection_Specs(SqliteTestDatabase database) : CommandIntakeHarness(database), IClassFixture<SqliteTestDatabase>
{
    [Theory]
    [InlineData("invalid tenant id", "Tenant id 'Acme-Corp' contains 'A'")]
    [InlineData("tenant id too long", "the maximum is 40")]
    [InlineData("missing command id", "CommandId is required")]
    [InlineData("invalid script name", "Script name 'My Script' is not valid")]
    [InlineData("invalid dispatch namespace", "Dispatch namespace 'a/b' is not valid")]
    [InlineData("resource name not an identifier", "Binding name 'my-cache' is not a JavaScript identifier")]
    [InlineData("binding name starting with a digit", "Binding name '1ST' is not a JavaScript identifier")]
    [InlineData("binding without a name", "A binding has no name")]
    [InlineData("duplicate binding names", "Binding name 'CACHE' is used 2 times")]
    [InlineData("unknown resource type", "Resource 'STORE' has unknown type 'kv'")]
    [InlineData("non-resource type as resource", "give it as a binding instead")]
    [InlineData("unknown binding type", "Binding 'HD' has unknown type 'hyperdrive'")]
    [InlineData("resource type as binding", "Binding 'OTHER_KV' has type 'kv_namespace': give it as a resource")]
    [InlineData("binding missing its field", "Binding 'JOBS2' of type 'queue' needs 'queueName'")]
    [InlineData("binding with a field of another type", "Binding 'AUTH2' of type 'service' does not take 'text'")]
    [InlineData("json binding that is not json", "Binding 'BROKEN': 'json' must hold a JSON document")]
    [InlineData("text binding too large", "Cloudflare allows at most 5120")]
    [InlineData("blank secret", "Binding 'API_KEY' of type 'secret_text': 'text' is blank")]
    [InlineData("compatibility date in the future", "is in the future")]
    [InlineData("unknown location hint", "unknown location hint 'mars'")]
    [InlineData("location hint on kv", "KV namespaces take no location hint or jurisdiction")]
    [InlineData("location hint and jurisdiction", "give either a jurisdiction or a location hint, not both")]
    [InlineData("unknown jurisdiction", "unknown jurisdiction 'us'")]
    [InlineData("no modules", "The script has no modules")]
    [InlineData("main module missing from modules", "The main module 'worker.js' is not among the modules (index.js)")]
    [InlineData("main module not set", "The main module is missing")]
    [InlineData("duplicate module names", "Module name 'index.js' is used 2 times")]
    [InlineData("module without a name", "Every module needs a name")]
    [InlineData("oversized script", "the limit is 1024 bytes")]
    [InlineData("bad compatibility date", "Compatibility date '28.11.2026' is not a date in the form yyyy-MM-dd")]
    [InlineData("too many tags", "9 tags given; a script can have at most 8")]
    [InlineData("tag with a comma", "Tag 'a,b' is not valid")]
    public async Task Should_reject_a_provision_tenant_with(string problem, string reason)
    {
        var command = BreakProvision(problem, Commands.Provision());

        var rejected = await RejectedAsync(command, command.TenantId);

        Assert.Equal(command.CommandId, rejected.CommandId);
        Assert.Equal(nameof(ProvisionTenant), rejected.CommandType);
        Assert.Contains(reason, rejected.Reason);
    }

    [Theory]
    [InlineData("neither resource nor binding", "Give either 'resource'")]
    [InlineData("both resource and binding", "not both")]
    [InlineData("invalid resource", "Binding name 'sessions-kv' is not a JavaScript identifier")]
    [InlineData("invalid binding", "Binding 'X' has unknown type 'secret'")]
    [InlineData("invalid tenant id", "must not end with a hyphen")]
    [InlineData("resource type as binding", "existing resources cannot be bound")]
    public async Task Should_reject_an_attach_binding_with(string problem, string reason)
    {
        var command = Commands.Attach();
        command = problem switch
        {
            "neither resource nor binding" => command with { Resource = null },
            "both resource and binding" => command with { Binding = new BindingSpec { Name = "A", Type = BindingTypes.PlainText, Text = "a" } },
            "invalid resource" => command with { Resource = command.Resource! with { BindingName = "sessions-kv" } },
            "invalid binding" => command with { Resource = null, Binding = new BindingSpec { Name = "X", Type = "secret", Text = "x" } },
            "invalid tenant id" => command with { TenantId = "acme-" },
            "resource type as binding" => command with { Resource = null, Binding = new BindingSpec { Name = "OTHER", Type = BindingTypes.R2Bucket } },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var rejected = await RejectedAsync(command, command.TenantId);

        Assert.Equal(nameof(AttachBinding), rejected.CommandType);
        Assert.Contains(reason, rejected.Reason);
    }

    [Theory]
    [InlineData("name not an identifier", "Binding name 'my binding' is not a JavaScript identifier")]
    [InlineData("no name", "A binding has no name")]
    [InlineData("invalid tenant id", "must start with a letter or a digit")]
    public async Task Should_reject_a_detach_binding_with(string problem, string reason)
    {
        var command = Commands.Detach();
        command = problem switch
        {
            "name not an identifier" => command with { BindingName = "my binding" },
            "no name" => command with { BindingName = "" },
            "invalid tenant id" => command with { TenantId = "-acme" },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var rejected = await RejectedAsync(command, command.TenantId);

        Assert.Equal(nameof(DetachBinding), rejected.CommandType);
        Assert.Contains(reason, rejected.Reason);
    }

    [Theory]
    [InlineData("no modules", "The script has no modules")]
    [InlineData("no script", "The script has no modules")]
    [InlineData("main module missing from modules", "The main module 'main.mjs' is not among the modules")]
    [InlineData("oversized script", "the limit is 1024 bytes")]
    [InlineData("missing command id", "CommandId is required")]
    public async Task Should_reject_a_deploy_script_with(string problem, string reason)
    {
        var command = Commands.Deploy();
        command = problem switch
        {
            "no modules" => command with { Script = command.Script with { Modules = [] } },
            "no script" => command with { Script = null! },
            "main module missing from modules" => command with { Script = command.Script with { MainModule = "main.mjs" } },
            "oversized script" => command with { Script = Oversized(command.Script) },
            "missing command id" => command with { CommandId = Guid.Empty },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var rejected = await RejectedAsync(command, command.TenantId);

        Assert.Equal(nameof(DeployScript), rejected.CommandType);
        Assert.Contains(reason, rejected.Reason);
    }

    [Theory]
    [InlineData("invalid tenant id", "Tenant id 'acme corp' contains ' '")]
    [InlineData("missing tenant id", "Tenant id is required")]
    [InlineData("missing command id", "CommandId is required")]
    public async Task Should_reject_a_deprovision_tenant_with(string problem, string reason)
    {
        var command = Commands.Deprovision();
        command = problem switch
        {
            "invalid tenant id" => command with { TenantId = "acme corp" },
            "missing tenant id" => command with { TenantId = "" },
            "missing command id" => command with { CommandId = Guid.Empty },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var rejected = await RejectedAsync(command, command.TenantId);

        Assert.Equal(nameof(DeprovisionTenant), rejected.CommandType);
        Assert.Contains(reason, rejected.Reason);
    }

    [Fact]
    public async Task Should_name_every_problem_at_once()
    {
        var command = Commands.Provision() with { ScriptName = "Bad Name", Script = Commands.Script(main: "missing.js") };

        var rejected = await RejectedAsync(command, command.TenantId);

        Assert.Contains("Script name 'Bad Name'", rejected.Reason);
        Assert.Contains("The main module 'missing.js'", rejected.Reason);
    }

    [Fact]
    public async Task Should_never_quote_a_secret_value_in_a_reason()
    {
        var command = Commands.Provision() with
        {
            Bindings = [new BindingSpec { Name = "bad name", Type = BindingTypes.SecretText, Text = "hunter2-very-secret", Service = "x" }],
        };

        var rejected = await RejectedAsync(command, command.TenantId);

        Assert.Contains("Binding name 'bad name'", rejected.Reason);
        Assert.Contains("does not take 'service'", rejected.Reason);
        Assert.DoesNotContain("hunter2", rejected.Reason);
    }

    static ProvisionTenant BreakProvision(string problem, ProvisionTenant c) => problem switch
    {
        "invalid tenant id" => c with { TenantId = "Acme-Corp" },
        "tenant id too long" => c with { TenantId = new string('a', 41) },
        "missing command id" => c with { CommandId = Guid.Empty },
        "invalid script name" => c with { ScriptName = "My Script" },
        "invalid dispatch namespace" => c with { DispatchNamespace = "a/b" },
        "resource name not an identifier" => c with { Resources = [new ResourceSpec { BindingName = "my-cache", Type = BindingTypes.KvNamespace }] },
        "binding name starting with a digit" => c with { Bindings = [new BindingSpec { Name = "1ST", Type = BindingTypes.PlainText, Text = "x" }] },
        "binding without a name" => c with { Bindings = [new BindingSpec { Type = BindingTypes.PlainText, Text = "x" }] },
        "duplicate binding names" => c with { Bindings = [.. c.Bindings, new BindingSpec { Name = "CACHE", Type = BindingTypes.PlainText, Text = "x" }] },
        "unknown resource type" => c with { Resources = [new ResourceSpec { BindingName = "STORE", Type = "kv" }] },
        "non-resource type as resource" => c with { Resources = [new ResourceSpec { BindingName = "TEXT", Type = BindingTypes.PlainText }] },
        "unknown binding type" => c with { Bindings = [new BindingSpec { Name = "HD", Type = "hyperdrive" }] },
        "resource type as binding" => c with { Bindings = [new BindingSpec { Name = "OTHER_KV", Type = BindingTypes.KvNamespace }] },
        "binding missing its field" => c with { Bindings = [new BindingSpec { Name = "JOBS2", Type = BindingTypes.Queue }] },
        "binding with a field of another type" => c with { Bindings = [new BindingSpec { Name = "AUTH2", Type = BindingTypes.Service, Service = "auth", Text = "x" }] },
        "json binding that is not json" => c with { Bindings = [new BindingSpec { Name = "BROKEN", Type = BindingTypes.Json, Json = "{tier:" }] },
        "text binding too large" => c with { Bindings = [new BindingSpec { Name = "BIG", Type = BindingTypes.PlainText, Text = new string('x', 5121) }] },
        "blank secret" => c with { Bindings = [new BindingSpec { Name = "API_KEY", Type = BindingTypes.SecretText, Text = "" }] },
        "compatibility date in the future" => c with { Script = c.Script with { CompatibilityDate = "2999-01-01" } },
        "unknown location hint" => c with { Resources = [new ResourceSpec { BindingName = "DB", Type = BindingTypes.D1, LocationHint = "mars" }] },
        "location hint on kv" => c with { Resources = [new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace, LocationHint = "weur" }] },
        "location hint and jurisdiction" => c with { Resources = [new ResourceSpec { BindingName = "FILES", Type = BindingTypes.R2Bucket, LocationHint = "weur", Jurisdiction = "eu" }] },
        "unknown jurisdiction" => c with { Resources = [new ResourceSpec { BindingName = "DB", Type = BindingTypes.D1, Jurisdiction = "us" }] },
        "no modules" => c with { Script = c.Script with { Modules = [] } },
        "main module missing from modules" => c with { Script = c.Script with { MainModule = "worker.js" } },
        "main module not set" => c with { Script = c.Script with { MainModule = "" } },
        "duplicate module names" => c with { Script = c.Script with { Modules = [.. c.Script.Modules, c.Script.Modules[0]] } },
        "module without a name" => c with { Script = c.Script with { Modules = [.. c.Script.Modules, new Provisioning.Contracts.ScriptModule { Content = "x" }] } },
        "oversized script" => c with { Script = Oversized(c.Script) },
        "bad compatibility date" => c with { Script = c.Script with { CompatibilityDate = "28.11.2026" } },
        "too many tags" => c with { Tags = Enumerable.Range(1, 9).Select(i => $"tag{i}").ToList() },
        "tag with a comma" => c with { Tags = ["a,b"] },
        _ => throw new ArgumentOutOfRangeException(nameof(problem)),
    };

    static ScriptSpec Oversized(ScriptSpec script) => script with
    {
        Modules = [.. script.Modules, new Provisioning.Contracts.ScriptModule { Name = "big.js", Content = new string('x', MaxScriptSizeBytes) }],
    };
}
