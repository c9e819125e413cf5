using System.Text.Json;

namespace Provisioning.Components.Steps;

/// <summary>
/// Turns the desired binding set (TenantBindings rows, ledger rows, command payloads) into Cloudflare bindings, and
/// reduces a binding to the fields that identify its target so a read-back can be compared with what was meant.
/// </summary>
public static class Bindings
{
    static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>The binding as stored in TenantBindings.DefinitionJson: never a secret value.</summary>
    public static string Definition(BindingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JsonSerializer.Serialize(spec.Type == BindingTypes.SecretText ? spec with { Text = null } : spec, Json);
    }

    public static string Definition(ResourceSpec spec) => JsonSerializer.Serialize(spec, Json);

    /// <summary>
    /// A stored binding for an upload or settings PATCH. A secret has no stored value: <paramref name="secret"/> says
    /// how to keep it (an <c>inherit</c> binding on upload, <c>{name, type}</c> on PATCH).
    /// </summary>
    public static WorkerBinding FromStored(TenantBinding row, OwnedResource? resource, Func<string, WorkerBinding> secret)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(secret);
        if (BindingTypes.IsResourceType(row.Type))
        {
            return FromResource(resource ?? throw new StepFailedException($"Binding '{row.Name}' has no resource in the ledger."), row.Name);
        }

        return row.Type == BindingTypes.SecretText
            ? secret(row.Name)
            : FromSpec(JsonSerializer.Deserialize<BindingSpec>(row.DefinitionJson, Json)!);
    }

    /// <summary>
    /// A binding a step adds, ready to send, with the row that records it in the tenant's set. A resource binding takes
    /// its Cloudflare id from the ledger row that an earlier step of the same operation created.
    /// </summary>
    public static (WorkerBinding Binding, TenantBinding Row) Resolve(NewBinding added, IEnumerable<OwnedResource> ledger, string tenantId, Guid commandId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(ledger);
        var row = new TenantBinding
        {
            TenantId = tenantId, Name = added.Name, Type = added.Type, CreatedByCommandId = commandId, CreatedAt = now, UpdatedAt = now,
        };
        if (added.Resource is { } spec)
        {
            var resource = ledger.SingleOrDefault(x => x.ResourceType == spec.Type && x.Name == added.ResourceName && x.State == OwnedResourceState.Created)
                ?? throw new StepFailedException($"Resource for binding '{added.Name}' was not created.");
            row.DefinitionJson = Definition(spec);
            row.OwnedResourceId = resource.Id;
            return (FromResource(resource, added.Name), row);
        }

        var value = added.Value ?? throw new StepFailedException($"Binding '{added.Name}' has neither a value nor a resource.");
        row.DefinitionJson = Definition(value);
        return (FromSpec(value), row);
    }

    public static WorkerBinding FromResource(OwnedResource resource, string bindingName)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var id = resource.CloudflareId ?? throw new StepFailedException($"Resource '{resource.Name}' has no Cloudflare id yet.");
        return resource.ResourceType switch
        {
            BindingTypes.KvNamespace => new KvNamespaceBinding(bindingName, id),
            BindingTypes.D1 => new D1DatabaseBinding(bindingName, id),
            BindingTypes.R2Bucket => new R2BucketBinding(bindingName, id, resource.Jurisdiction),
            _ => throw new StepFailedException($"Unknown resource type '{resource.ResourceType}'."),
        };
    }

    public static WorkerBinding FromSpec(BindingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Type switch
        {
            BindingTypes.PlainText => new PlainTextBinding(spec.Name, spec.Text ?? ""),
            BindingTypes.SecretText => new SecretTextBinding(spec.Name, spec.Text),
            BindingTypes.Json => new JsonBinding(spec.Name, JsonDocument.Parse(spec.Json ?? "null").RootElement.Clone()),
            BindingTypes.Service => new ServiceBinding(spec.Name, spec.Service ?? "", spec.Environment, spec.Entrypoint),
            BindingTypes.Queue => new QueueBinding(spec.Name, spec.QueueName ?? ""),
            BindingTypes.AnalyticsEngine => new AnalyticsEngineBinding(spec.Name, spec.Dataset ?? ""),
            BindingTypes.DurableObjectNamespace => new DurableObjectNamespaceBinding(spec.Name, spec.ClassName, spec.ScriptName),
            BindingTypes.DispatchNamespace => new DispatchNamespaceBinding(spec.Name, spec.Namespace ?? ""),
            _ => throw new StepFailedException($"Unknown binding type '{spec.Type}' of binding '{spec.Name}'."),
        };
    }

    /// <summary>Type plus the fields that name the target or value; secrets compare by type only (their value is write-only).</summary>
    public static string Signature(WorkerBinding binding) => binding switch
    {
        PlainTextBinding b => $"plain_text:{b.Text}",
        SecretTextBinding => "secret_text",
        JsonBinding b => $"json:{JsonSerializer.Serialize(b.Json)}",
        KvNamespaceBinding b => $"kv_namespace:{b.NamespaceId}",
        D1DatabaseBinding b => $"d1:{b.DatabaseId}",
        R2BucketBinding b => $"r2_bucket:{b.BucketName}",
        ServiceBinding b => $"service:{b.Service}:{b.Environment}:{b.Entrypoint}",
        QueueBinding b => $"queue:{b.QueueName}",
        AnalyticsEngineBinding b => $"analytics_engine:{b.Dataset}",
        DurableObjectNamespaceBinding b => $"durable_object_namespace:{b.ClassName}:{b.ScriptName}",
        DispatchNamespaceBinding b => $"dispatch_namespace:{b.Namespace}",
        _ => binding.Type,
    };
}
