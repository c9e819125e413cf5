using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Provisioning.Components.Consumers;
using Provisioning.Contracts;

namespace Provisioning.Components.Tests.Consumers;

/// <summary>
/// Cloudflare's limits as the validator mirrors them (docs/limits.md), one table per rule family. A null reason means
/// the input is accepted; otherwise the first problem must contain the reason, which names the field and the limit.
/// </summary>
public sealed class CommandValidator_Specs
{
    static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    readonly CommandValidator _validator = new(Options.Create(new ProvisioningOptions { MaxScriptSizeBytes = 1024 }), new FakeTimeProvider(Now));

    [Theory]
    [InlineData("", "Binding 'K' of type 'secret_text': 'text' is blank; a secret needs at least 1 non-blank character")]
    [InlineData("   ", "'text' is blank")]
    [InlineData("\t\n", "'text' is blank")]
    [InlineData("wfp-protected:v1:CfDJ8", "'text' must not start with 'wfp-protected:v1:', which marks values the worker encrypted")]
    [InlineData("x", null)]
    public void Should_check_secret_values(string value, string? reason) =>
        AssertProvision(c => c with { Bindings = [Text("K", BindingTypes.SecretText, value)] }, reason);

    [Theory]
    [InlineData(BindingTypes.SecretText, 5121, "Binding 'K': the text is 5121 bytes; Cloudflare allows at most 5120")]
    [InlineData(BindingTypes.PlainText, 5121, "Cloudflare allows at most 5120")]
    [InlineData(BindingTypes.PlainText, 5120, null)]
    [InlineData(BindingTypes.PlainText, 0, null)]
    public void Should_check_var_and_secret_sizes(string type, int length, string? reason) =>
        AssertProvision(c => c with { Bindings = [Text("K", type, new string('x', length))] }, reason);

    [Theory]
    [InlineData("class", "Binding name 'class' is a JavaScript reserved word")]
    [InlineData("await", "is a JavaScript reserved word")]
    [InlineData("1ST", "Binding name '1ST' is not a JavaScript identifier")]
    [InlineData("MY-VAR", "is not a JavaScript identifier")]
    [InlineData("ÄPI", "is not a JavaScript identifier")]
    [InlineData("", "A binding has no name")]
    [InlineData("$dispatch_2", null)]
    [InlineData("Class", null)]
    public void Should_check_var_names(string name, string? reason) =>
        AssertProvision(c => c with { Bindings = [Text(name, BindingTypes.PlainText, "v")] }, reason);

    [Theory]
    [InlineData("resource and binding", "Binding name 'CACHE' is used 2 times; binding names must be unique within a script")]
    [InlineData("secret and var", "Binding name 'API_KEY' is used 2 times")]
    [InlineData("case differs", null)]
    public void Should_refuse_duplicate_binding_names(string layout, string? reason) =>
        AssertProvision(c => c with
        {
            Bindings = layout switch
            {
                "resource and binding" => [Text("CACHE", BindingTypes.PlainText, "v")],
                "secret and var" => [Text("API_KEY", BindingTypes.SecretText, "s"), Text("API_KEY", BindingTypes.PlainText, "v")],
                _ => [Text("cache", BindingTypes.PlainText, "v")],
            },
        }, reason);

    [Theory]
    [InlineData(BindingTypes.R2Bucket, "ab", "R2 bucket name 'ab' is not valid: use 3 to 63 lowercase letters, digits or '-'")]
    [InlineData(BindingTypes.R2Bucket, "-abc", "not starting or ending with '-'")]
    [InlineData(BindingTypes.R2Bucket, "abc-", "not starting or ending with '-'")]
    [InlineData(BindingTypes.R2Bucket, "Abc", "R2 bucket name 'Abc' is not valid")]
    [InlineData(BindingTypes.R2Bucket, "a_c", "R2 bucket name 'a_c' is not valid")]
    [InlineData(BindingTypes.R2Bucket, "abc", null)]
    [InlineData(BindingTypes.D1, "_db", "D1 database name '_db' is not valid: use lowercase letters, digits, '-' or '_', starting with a letter or digit")]
    [InlineData(BindingTypes.D1, "Db", "D1 database name 'Db' is not valid")]
    [InlineData(BindingTypes.D1, "", "D1 database name '' is not valid")]
    [InlineData(BindingTypes.D1, "db_1-a", null)]
    [InlineData(BindingTypes.KvNamespace, "", "KV namespace title '' must be 1 to 512 characters")]
    [InlineData(BindingTypes.KvNamespace, "Any Title!", null)]
    [InlineData(BindingTypes.R2Bucket, "64*a", "R2 bucket name 'aaaa")]
    [InlineData(BindingTypes.R2Bucket, "63*a", null)]
    [InlineData(BindingTypes.KvNamespace, "513*a", "must be 1 to 512 characters")]
    [InlineData(BindingTypes.KvNamespace, "512*a", null)]
    public void Should_check_resource_names(string type, string name, string? reason)
    {
        if (name.Split('*') is [var count, var letter])
        {
            name = string.Concat(Enumerable.Repeat(letter, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)));
        }

        var problem = ResourceNameRules.Problem(type, name);

        AssertReason(problem is null ? [] : [problem], reason);
    }

    [Fact]
    public void Should_check_the_resource_names_derived_from_the_tenant()
    {
        var command = Commands.Provision();

        var problems = _validator.Validate(command);

        Assert.Empty(problems);
        Assert.All(command.Resources, r => Assert.Null(ResourceNameRules.Problem(r.Type, Provisioning.Components.Steps.ResourceNames.For(command.TenantId, r.BindingName))));
    }

    [Theory]
    [InlineData("name too long", "Script name 'aaaa")]
    [InlineData("name with capitals", "Script name 'Acme' is not valid: use 1 to 63 lowercase letters")]
    [InlineData("name starting with a hyphen", "Script name '-acme' is not valid")]
    [InlineData("script over the size limit", "The script is 1025 bytes; the limit is 1024 bytes")]
    [InlineData("script at the size limit", null)]
    public void Should_check_the_script(string problem, string? reason) =>
        AssertProvision(c => problem switch
        {
            "name too long" => c with { ScriptName = new string('a', 64) },
            "name with capitals" => c with { ScriptName = "Acme" },
            "name starting with a hyphen" => c with { ScriptName = "-acme" },
            "script over the size limit" => c with { Script = c.Script with { Modules = [new ScriptModule { Name = "index.js", Content = new string('x', 1025) }] } },
            _ => c with { Script = c.Script with { Modules = [new ScriptModule { Name = "index.js", Content = new string('x', 1024) }] } },
        }, reason);

    [Theory]
    [InlineData("2025-02-30", null, "Compatibility date '2025-02-30' is not a date in the form yyyy-MM-dd")]
    [InlineData("2025-1-01", null, "is not a date in the form yyyy-MM-dd")]
    [InlineData("2026-11-30", null, "Compatibility date '2026-11-30' is in the future; the latest allowed is today (2026-11-29, UTC)")]
    [InlineData("2026-11-29", null, null)]
    [InlineData("2025-11-01", "", "Compatibility flags must not be empty")]
    [InlineData("2025-11-01", "Nodejs_Compat", "Compatibility flag 'Nodejs_Compat' is not valid: flags are lowercase letters, digits and '_'")]
    [InlineData("2025-11-01", "nodejs_compat,nodejs_compat", "Compatibility flag 'nodejs_compat' is given 2 times")]
    [InlineData("2025-11-01", "nodejs_compat,no_global_navigator", null)]
    public void Should_check_compatibility_settings(string date, string? flags, string? reason) =>
        AssertDeploy(c => c with { Script = c.Script with { CompatibilityDate = date, CompatibilityFlags = flags?.Split(',') ?? [] } }, reason);

    [Theory]
    [InlineData(BindingTypes.D1, "mars", null, "Resource 'PLACED' has unknown location hint 'mars'; use one of: wnam, enam, weur, eeur, apac, oc")]
    [InlineData(BindingTypes.R2Bucket, null, "us", "Resource 'PLACED' has unknown jurisdiction 'us'; use one of: eu, fedramp")]
    [InlineData(BindingTypes.R2Bucket, "weur", "eu", "give either a jurisdiction or a location hint, not both")]
    [InlineData(BindingTypes.KvNamespace, "weur", null, "KV namespaces take no location hint or jurisdiction")]
    [InlineData(BindingTypes.D1, "apac", null, null)]
    [InlineData(BindingTypes.R2Bucket, null, "fedramp", null)]
    public void Should_check_jurisdictions_and_location_hints(string type, string? hint, string? jurisdiction, string? reason) =>
        AssertProvision(c => c with { Resources = [new ResourceSpec { BindingName = "PLACED", Type = type, LocationHint = hint, Jurisdiction = jurisdiction }] }, reason);

    [Theory]
    [InlineData(9, null, "9 tags given; a script can have at most 8")]
    [InlineData(1, "a,b", "Tag 'a,b' is not valid: tags must be non-empty and must not contain ',' or '&'")]
    [InlineData(1, "a&b", "Tag 'a&b' is not valid")]
    [InlineData(1, " ", "Tag ' ' is not valid")]
    [InlineData(2, "same", "Tag 'same' is given 2 times; tags must be unique")]
    [InlineData(8, null, null)]
    public void Should_check_tags(int count, string? tag, string? reason) =>
        AssertProvision(c => c with { Tags = tag is null ? Enumerable.Range(1, count).Select(i => $"tag{i}").ToList() : Enumerable.Repeat(tag, count).ToList() }, reason);

    [Theory]
    [InlineData(129, "129 plain_text and secret_text bindings given; Cloudflare allows at most 128 per script")]
    [InlineData(128, null)]
    public void Should_count_vars_and_secrets(int count, string? reason) =>
        AssertProvision(c => c with
        {
            Bindings = Enumerable.Range(0, count).Select(i => Text($"V{i}", i % 2 == 0 ? BindingTypes.PlainText : BindingTypes.SecretText, "v")).ToList(),
        }, reason);

    [Theory]
    [InlineData("delete", "Binding name 'delete' is a JavaScript reserved word")]
    [InlineData("SESSIONS", null)]
    public void Should_check_the_name_to_detach(string name, string? reason) =>
        AssertReason(_validator.Validate(Commands.Detach() with { BindingName = name }), reason);

    [Fact]
    public void Should_check_a_blank_secret_to_attach() =>
        AssertReason(_validator.Validate(Commands.Attach() with { Resource = null, Binding = Text("TOKEN", BindingTypes.SecretText, " ") }), "'text' is blank");

    void AssertProvision(Func<ProvisionTenant, ProvisionTenant> change, string? reason) =>
        AssertReason(_validator.Validate(change(Commands.Provision())), reason);

    void AssertDeploy(Func<DeployScript, DeployScript> change, string? reason) =>
        AssertReason(_validator.Validate(change(Commands.Deploy())), reason);

    static void AssertReason(IReadOnlyList<string> problems, string? reason)
    {
        if (reason is null)
        {
            Assert.Empty(problems);
            return;
        }

        Assert.Contains(problems, p => p.Contains(reason, StringComparison.Ordinal));
    }

    static BindingSpec Text(string name, string type, string text) => new() { Name = name, Type = type, Text = text };
}
