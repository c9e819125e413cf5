using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare.Serialization;

/// <summary>
/// Reads a binding by its <c>type</c>; anything unknown or unreadable becomes an <see cref="UnknownBinding"/> holding
/// the raw object, which is written back verbatim. (System.Text.Json's own polymorphism has no such fallback.)
/// </summary>
internal sealed class WorkerBindingJsonConverter : JsonConverter<WorkerBinding>
{
    private static readonly Dictionary<string, Type> KnownTypes = new(StringComparer.Ordinal)
    {
        [WorkerBindingTypes.KvNamespace] = typeof(KvNamespaceBinding),
        [WorkerBindingTypes.D1] = typeof(D1DatabaseBinding),
        [WorkerBindingTypes.R2Bucket] = typeof(R2BucketBinding),
        [WorkerBindingTypes.PlainText] = typeof(PlainTextBinding),
        [WorkerBindingTypes.SecretText] = typeof(SecretTextBinding),
        [WorkerBindingTypes.Json] = typeof(JsonBinding),
        [WorkerBindingTypes.Service] = typeof(ServiceBinding),
        [WorkerBindingTypes.Queue] = typeof(QueueBinding),
        [WorkerBindingTypes.DurableObjectNamespace] = typeof(DurableObjectNamespaceBinding),
        [WorkerBindingTypes.AnalyticsEngine] = typeof(AnalyticsEngineBinding),
        [WorkerBindingTypes.DispatchNamespace] = typeof(DispatchNamespaceBinding),
        [WorkerBindingTypes.Inherit] = typeof(InheritBinding),
    };

    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(WorkerBinding);

    public override WorkerBinding Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var element = document.RootElement;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A binding must be a JSON object, not {element.ValueKind}.");
        }

        var type = element.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String
            ? typeElement.GetString()!
            : null;
        if (type is null || !KnownTypes.TryGetValue(type, out var target))
        {
            return new UnknownBinding(element);
        }

        WorkerBinding? binding;
        try
        {
            binding = (WorkerBinding?)element.Deserialize(options.GetTypeInfo(target));
        }
        catch (JsonException)
        {
            // A known type in a shape we do not expect: keep it raw rather than lose it on the next upload.
            return new UnknownBinding(element);
        }

        if (binding is null || string.IsNullOrEmpty(binding.Name))
        {
            return new UnknownBinding(element);
        }

        return binding is D1DatabaseBinding d1 ? NormalizeD1(d1, element) : binding;
    }

    public override void Write(Utf8JsonWriter writer, WorkerBinding value, JsonSerializerOptions options)
    {
        if (value is UnknownBinding unknown)
        {
            unknown.Raw.WriteTo(writer);
            return;
        }

        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
    }

    // wrangler sends D1 bindings with the deprecated "id"; GET may return either. We always send database_id.
    private static WorkerBinding NormalizeD1(D1DatabaseBinding binding, JsonElement element)
    {
        var extra = binding.AdditionalProperties;
        if (extra is null || !extra.TryGetValue("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return binding.DatabaseId is null ? new UnknownBinding(element) : binding;
        }

        var rest = extra.Where(p => p.Key != "id").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return binding with
        {
            DatabaseId = binding.DatabaseId ?? id.GetString()!,
            AdditionalProperties = rest.Count == 0 ? null : rest,
        };
    }
}
