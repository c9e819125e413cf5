using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Provisioning.Contracts;

namespace Provisioning.Components.Consumers;

/// <summary>
/// Checks a command before anything is stored or created. Each problem is a sentence the sender can act on; values
/// of text and secret bindings never appear in one.
/// </summary>
[SuppressMessage("Performance", "CA1822", Justification = "Every Validate overload is an instance member so callers use one injected validator.")]
public sealed class CommandValidator(IOptions<ProvisioningOptions> options)
{
    const int MaxTags = 8;                 // Workers for Platforms: at most 8 tags per script
    const int MaxTextBindingBytes = 5 * 1024; // environment variables and secrets: 5 KB each
    const int MaxTextBindings = 128;        // plain_text + secret_text per Worker (paid plan)
    const int MaxScriptNameLength = 63;

    static readonly string[] LocationHints = ["wnam", "enam", "weur", "eeur", "apac", "oc"];
    static readonly string[] Jurisdictions = ["eu", "fedramp"];

    public IReadOnlyList<string> Validate(ProvisionTenant command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = Common(command.CommandId, command.TenantId);

        if (command.ScriptName is not null && ScriptNameProblem(command.ScriptName) is { } scriptProblem)
        {
            problems.Add(scriptProblem);
        }

        if (command.DispatchNamespace is not null && !IsDispatchNamespaceName(command.DispatchNamespace))
        {
            problems.Add($"Dispatch namespace '{command.DispatchNamespace}' is not valid: use 1 to 63 letters, digits, '.', '_' or '-'.");
        }

        foreach (var resource in command.Resources ?? [])
        {
            ValidateResource(resource, problems);
        }

        foreach (var binding in command.Bindings ?? [])
        {
            ValidateBinding(binding, problems);
        }

        var names = (command.Resources ?? []).Select(r => r?.BindingName).Concat((command.Bindings ?? []).Select(b => b?.Name));
        foreach (var duplicate in names.Where(n => !string.IsNullOrEmpty(n)).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Binding name '{duplicate.Key}' is used {duplicate.Count()} times; binding names must be unique within a script.");
        }

        var textBindings = (command.Bindings ?? []).Count(b => b?.Type is BindingTypes.PlainText or BindingTypes.SecretText);
        if (textBindings > MaxTextBindings)
        {
            problems.Add($"{textBindings} plain_text and secret_text bindings given; Cloudflare allows at most {MaxTextBindings} per script.");
        }

        ValidateScript(command.Script, problems);

        var tags = command.Tags ?? [];
        if (tags.Count > MaxTags)
        {
            problems.Add($"{tags.Count} tags given; a script can have at most {MaxTags}.");
        }

        foreach (var tag in tags.Where(t => string.IsNullOrWhiteSpace(t) || t.Contains(',', StringComparison.Ordinal) || t.Contains('&', StringComparison.Ordinal)))
        {
            problems.Add($"Tag '{tag}' is not valid: tags must be non-empty and must not contain ',' or '&'.");
        }

        return problems;
    }

    public IReadOnlyList<string> Validate(AttachBinding command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = Common(command.CommandId, command.TenantId);

        switch (command.Resource, command.Binding)
        {
            case (null, null):
                problems.Add("Give either 'resource' (a kv_namespace, d1 or r2_bucket to create) or 'binding' (any other binding type).");
                break;
            case (not null, not null):
                problems.Add("Give either 'resource' or 'binding', not both: one AttachBinding adds one binding.");
                break;
            case ({ } resource, null):
                ValidateResource(resource, problems);
                break;
            case (null, { } binding):
                ValidateBinding(binding, problems);
                break;
        }

        return problems;
    }

    public IReadOnlyList<string> Validate(DetachBinding command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = Common(command.CommandId, command.TenantId);
        if (!JsIdentifier.IsValid(command.BindingName))
        {
            problems.Add(BindingNameProblem(command.BindingName));
        }

        return problems;
    }

    public IReadOnlyList<string> Validate(DeployScript command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = Common(command.CommandId, command.TenantId);
        ValidateScript(command.Script, problems);
        return problems;
    }

    /// <summary>Every command: the rules of its type where it has some, else the ones all commands share (ids).</summary>
    public IReadOnlyList<string> Validate(ITenantCommand command) => command switch
    {
        null => throw new ArgumentNullException(nameof(command)),
        ProvisionTenant provision => Validate(provision),
        AttachBinding attach => Validate(attach),
        DetachBinding detach => Validate(detach),
        DeployScript deploy => Validate(deploy),
        _ => Common(command.CommandId, command.TenantId),
    };

    static List<string> Common(Guid commandId, string? tenantId)
    {
        var problems = new List<string>();
        if (commandId == Guid.Empty)
        {
            problems.Add("CommandId is required: a new GUID chosen by the sender for each command (a repeat of it is recognised as the same command).");
        }

        if (TenantIds.GetValidationError(tenantId) is { } tenantProblem)
        {
            problems.Add(tenantProblem);
        }

        return problems;
    }

    static void ValidateResource(ResourceSpec? resource, List<string> problems)
    {
        if (resource is null)
        {
            problems.Add("A resource entry is empty.");
            return;
        }

        if (!JsIdentifier.IsValid(resource.BindingName))
        {
            problems.Add(BindingNameProblem(resource.BindingName));
        }

        if (!BindingTypes.IsResourceType(resource.Type))
        {
            problems.Add(BindingTypes.IsNonResourceType(resource.Type)
                ? $"Resource '{resource.BindingName}' has type '{resource.Type}', which needs no resource: give it as a binding instead."
                : $"Resource '{resource.BindingName}' has unknown type '{resource.Type}'; use one of: {string.Join(", ", BindingTypes.ResourceTypes)}.");
            return;
        }

        if (resource.Type == BindingTypes.KvNamespace && (resource.LocationHint is not null || resource.Jurisdiction is not null))
        {
            problems.Add($"Resource '{resource.BindingName}': KV namespaces take no location hint or jurisdiction.");
            return;
        }

        if (resource.LocationHint is not null && resource.Jurisdiction is not null)
        {
            problems.Add($"Resource '{resource.BindingName}': give either a jurisdiction or a location hint, not both.");
        }

        if (resource.LocationHint is not null && !LocationHints.Contains(resource.LocationHint))
        {
            problems.Add($"Resource '{resource.BindingName}' has unknown location hint '{resource.LocationHint}'; use one of: {string.Join(", ", LocationHints)}.");
        }

        if (resource.Jurisdiction is not null && !Jurisdictions.Contains(resource.Jurisdiction))
        {
            problems.Add($"Resource '{resource.BindingName}' has unknown jurisdiction '{resource.Jurisdiction}'; use one of: {string.Join(", ", Jurisdictions)}.");
        }
    }

    static void ValidateBinding(BindingSpec? binding, List<string> problems)
    {
        if (binding is null)
        {
            problems.Add("A binding entry is empty.");
            return;
        }

        if (!JsIdentifier.IsValid(binding.Name))
        {
            problems.Add(BindingNameProblem(binding.Name));
        }

        if (BindingTypes.IsResourceType(binding.Type))
        {
            // Binding an existing KV/D1/R2 by id would let a tenant's script reach resources it does not own.
            problems.Add($"Binding '{binding.Name}' has type '{binding.Type}': give it as a resource, which the worker creates and owns for this tenant; existing resources cannot be bound.");
            return;
        }

        if (!BindingTypes.IsNonResourceType(binding.Type))
        {
            problems.Add($"Binding '{binding.Name}' has unknown type '{binding.Type}'; use one of: {string.Join(", ", BindingTypes.NonResourceTypes)}.");
            return;
        }

        var (required, allowed) = Fields(binding.Type);
        var present = PresentFields(binding);
        foreach (var missing in required.Where(f => !present.Contains(f)))
        {
            problems.Add($"Binding '{binding.Name}' of type '{binding.Type}' needs '{missing}'.");
        }

        foreach (var extra in present.Where(f => !allowed.Contains(f)))
        {
            problems.Add($"Binding '{binding.Name}' of type '{binding.Type}' does not take '{extra}'.");
        }

        if (binding.Type == BindingTypes.Json && binding.Json is not null && !IsJson(binding.Json))
        {
            problems.Add($"Binding '{binding.Name}': 'json' must hold a JSON document as a string, for example \"{{\\\"tier\\\":\\\"gold\\\"}}\".");
        }

        if (binding.Text is not null && Encoding.UTF8.GetByteCount(binding.Text) > MaxTextBindingBytes)
        {
            problems.Add($"Binding '{binding.Name}': the text is {Encoding.UTF8.GetByteCount(binding.Text)} bytes; Cloudflare allows at most {MaxTextBindingBytes}.");
        }
    }

    static (string[] Required, string[] Allowed) Fields(string type) => type switch
    {
        BindingTypes.PlainText or BindingTypes.SecretText => (["text"], ["text"]),
        BindingTypes.Json => (["json"], ["json"]),
        BindingTypes.Service => (["service"], ["service", "environment", "entrypoint"]),
        BindingTypes.Queue => (["queueName"], ["queueName"]),
        BindingTypes.AnalyticsEngine => (["dataset"], ["dataset"]),
        BindingTypes.DurableObjectNamespace => (["className"], ["className", "scriptName"]),
        BindingTypes.DispatchNamespace => (["namespace"], ["namespace"]),
        _ => ([], []),
    };

    static HashSet<string> PresentFields(BindingSpec b)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        void Add(string field, string? value)
        {
            if (value is not null)
            {
                present.Add(field);
            }
        }

        Add("text", b.Text);
        Add("json", b.Json);
        Add("service", NullIfEmpty(b.Service));
        Add("environment", b.Environment);
        Add("entrypoint", b.Entrypoint);
        Add("queueName", NullIfEmpty(b.QueueName));
        Add("dataset", NullIfEmpty(b.Dataset));
        Add("className", NullIfEmpty(b.ClassName));
        Add("scriptName", b.ScriptName);
        Add("namespace", NullIfEmpty(b.Namespace));
        return present;
    }

    void ValidateScript(ScriptSpec? script, List<string> problems)
    {
        if (script is null || script.Modules is null || script.Modules.Count == 0)
        {
            problems.Add("The script has no modules: give at least one module and name it as the main module.");
            return;
        }

        foreach (var module in script.Modules.Where(m => m is null || string.IsNullOrWhiteSpace(m.Name)))
        {
            problems.Add("Every module needs a name (for example 'index.js').");
        }

        var modules = script.Modules.Where(m => m is not null && !string.IsNullOrWhiteSpace(m.Name)).ToList();
        foreach (var duplicate in modules.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Module name '{duplicate.Key}' is used {duplicate.Count()} times; module names must be unique.");
        }

        if (string.IsNullOrWhiteSpace(script.MainModule))
        {
            problems.Add("The main module is missing: set 'mainModule' to the name of the module that exports the handlers.");
        }
        else if (modules.All(m => m.Name != script.MainModule))
        {
            problems.Add($"The main module '{script.MainModule}' is not among the modules ({string.Join(", ", modules.Select(m => m.Name))}).");
        }

        foreach (var module in modules.Where(m => string.IsNullOrWhiteSpace(m.ContentType)))
        {
            problems.Add($"Module '{module.Name}' needs a content type (for example 'application/javascript+module').");
        }

        var size = modules.Sum(m => (long)Encoding.UTF8.GetByteCount(m.Content ?? ""));
        var limit = options.Value.MaxScriptSizeBytes;
        if (size > limit)
        {
            problems.Add($"The script is {size} bytes; the limit is {limit} bytes.");
        }

        if (script.CompatibilityDate is not null
            && !DateOnly.TryParseExact(script.CompatibilityDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"Compatibility date '{script.CompatibilityDate}' is not a date in the form yyyy-MM-dd.");
        }

        if ((script.CompatibilityFlags ?? []).Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("Compatibility flags must not be empty.");
        }
    }

    static string? ScriptNameProblem(string name)
    {
        // Cloudflare's rule for Worker names (WfP does not check names in a namespace, but the same names must work
        // in URLs, logs and wrangler).
        var valid = name.Length is > 0 and <= MaxScriptNameLength
            && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
        return valid
            ? null
            : $"Script name '{name}' is not valid: use 1 to {MaxScriptNameLength} lowercase letters, digits, '-' or '_', starting with a letter, digit or '_'.";
    }

    static bool IsDispatchNamespaceName(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    static string BindingNameProblem(string? name) =>
        string.IsNullOrEmpty(name)
            ? "A binding has no name: give each binding a JavaScript identifier as its name (for example 'CACHE')."
            : $"Binding name '{name}' is not a JavaScript identifier: use letters, digits, '_' or '$', not starting with a digit.";

    static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
