using System.Text;
using System.Text.Json;
using Provisioning.Components.Secrets;
using Provisioning.Components.Steps;

namespace Provisioning.Components.Consumers;

/// <summary>What resources and bindings must look like (names, types, fields, sizes) before anything is created.</summary>
static class BindingRules
{
    public const int MaxTextBindings = 128;        // plain_text + secret_text per Worker (paid plan)
    const int MaxTextBindingBytes = 5 * 1024; // environment variables and secrets: 5 KB each

    static readonly string[] LocationHints = ["wnam", "enam", "weur", "eeur", "apac", "oc"];
    static readonly string[] Jurisdictions = ["eu", "fedramp"];

    public static void ValidateResource(ResourceSpec? resource, string? tenantId, List<string> problems)
    {
        if (resource is null)
        {
            problems.Add("A resource entry is empty.");
            return;
        }

        if (JsIdentifier.Problem(resource.BindingName) is { } nameProblem)
        {
            problems.Add(nameProblem);
        }

        if (!BindingTypes.IsResourceType(resource.Type))
        {
            problems.Add(BindingTypes.IsNonResourceType(resource.Type)
                ? $"Resource '{resource.BindingName}' has type '{resource.Type}', which needs no resource: give it as a binding instead."
                : $"Resource '{resource.BindingName}' has unknown type '{resource.Type}'; use one of: {string.Join(", ", BindingTypes.ResourceTypes)}.");
            return;
        }

        if (TenantIds.IsValid(tenantId) && JsIdentifier.IsValid(resource.BindingName)
            && ResourceNameRules.Problem(resource.Type, ResourceNames.For(tenantId!, resource.BindingName)) is { } resourceNameProblem)
        {
            problems.Add($"Resource '{resource.BindingName}': {resourceNameProblem}");
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

    public static void ValidateBinding(BindingSpec? binding, List<string> problems)
    {
        if (binding is null)
        {
            problems.Add("A binding entry is empty.");
            return;
        }

        if (JsIdentifier.Problem(binding.Name) is { } nameProblem)
        {
            problems.Add(nameProblem);
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

        if (binding.Type == BindingTypes.SecretText && binding.Text is not null && string.IsNullOrWhiteSpace(binding.Text))
        {
            problems.Add($"Binding '{binding.Name}' of type 'secret_text': 'text' is blank; a secret needs at least 1 non-blank character (Cloudflare refuses an empty one with 10021).");
        }

        if (binding.Type == BindingTypes.SecretText && SecretProtector.IsProtected(binding.Text))
        {
            problems.Add($"Binding '{binding.Name}' of type 'secret_text': 'text' must not start with '{SecretProtector.Marker}', which marks values the worker encrypted.");
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
