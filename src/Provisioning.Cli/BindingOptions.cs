using System.CommandLine;
using System.Text.Json;
using Provisioning.Contracts;

namespace Provisioning.Cli;

/// <summary>
/// The binding options `provision` and `attach` share: resources to create (with D1/R2 placement) and every binding
/// type <see cref="BindingSpec"/> carries. A malformed value is a <see cref="UsageException"/> naming the option.
/// </summary>
internal sealed class BindingOptions
{
    readonly Option<string[]> _kv = Options.Many("--kv", "Create a KV namespace bound as NAME.");
    readonly Option<string[]> _d1 = Options.Many("--d1", "Create a D1 database bound as NAME.");
    readonly Option<string[]> _r2 = Options.Many("--r2", "Create an R2 bucket bound as NAME.");
    readonly Option<string?> _locationHint = new Option<string?>("--location-hint") { Description = "Location hint for the D1/R2 resources of this command." }
        .AcceptOnlyFromAmong("wnam", "enam", "weur", "eeur", "apac", "oc");
    readonly Option<string?> _jurisdiction = new Option<string?>("--jurisdiction") { Description = "Jurisdiction for the D1/R2 resources of this command." }
        .AcceptOnlyFromAmong("eu", "fedramp");
    readonly Option<string[]> _vars = Options.Many("--var", "A plain_text binding NAME=VALUE.");
    readonly Option<string[]> _secrets = Options.Many("--secret", "A secret_text binding NAME=VALUE (never logged).");
    readonly Option<string[]> _jsonVars = Options.Many("--json-var", "A json binding NAME=JSON, e.g. 'LIMITS={\"rps\":10}'.");
    readonly Option<string[]> _services = Options.Many("--service", "A service binding NAME=SERVICE[@ENVIRONMENT][#ENTRYPOINT].");
    readonly Option<string[]> _queues = Options.Many("--queue", "A queue producer binding NAME=QUEUE.");
    readonly Option<string[]> _datasets = Options.Many("--analytics", "An analytics_engine binding NAME=DATASET.");
    readonly Option<string[]> _durableObjects = Options.Many("--durable-object", "A durable_object_namespace binding NAME=CLASS[@SCRIPT].");
    readonly Option<string[]> _dispatch = Options.Many("--dispatch-namespace", "A dispatch_namespace binding NAME=NAMESPACE.");

    public IEnumerable<Option> All => [_kv, _d1, _r2, _locationHint, _jurisdiction, _vars, _secrets, _jsonVars, _services, _queues, _datasets, _durableObjects, _dispatch];

    public List<ResourceSpec> Resources(ParseResult parse)
    {
        var (hint, jurisdiction) = (parse.GetValue(_locationHint), parse.GetValue(_jurisdiction));
        var placed = parse.GetValue(_d1)!.Select(n => Resource(n, BindingTypes.D1, hint, jurisdiction))
            .Concat(parse.GetValue(_r2)!.Select(n => Resource(n, BindingTypes.R2Bucket, hint, jurisdiction))).ToList();
        if (placed.Count == 0 && (hint ?? jurisdiction) is not null)
        {
            throw new UsageException($"{(hint is null ? "--jurisdiction" : "--location-hint")} applies to --d1 and --r2 resources; this command has none.");
        }

        if (hint is not null && jurisdiction is not null)
        {
            throw new UsageException("--location-hint and --jurisdiction cannot be combined: a jurisdiction decides the location.");
        }

        return [.. parse.GetValue(_kv)!.Select(n => Resource(n, BindingTypes.KvNamespace, null, null)), .. placed];
    }

    public List<BindingSpec> Bindings(ParseResult parse) =>
    [
        .. Pairs(parse, _vars).Select(p => Binding(p.Name, BindingTypes.PlainText) with { Text = p.Value }),
        .. Pairs(parse, _secrets).Select(p => Binding(p.Name, BindingTypes.SecretText) with { Text = p.Value }),
        .. Pairs(parse, _jsonVars).Select(p => Binding(p.Name, BindingTypes.Json) with { Json = JsonText(p.Value, p.Name) }),
        .. Pairs(parse, _services).Select(p => Service(p.Name, p.Value)),
        .. Pairs(parse, _queues).Select(p => Binding(p.Name, BindingTypes.Queue) with { QueueName = p.Value }),
        .. Pairs(parse, _datasets).Select(p => Binding(p.Name, BindingTypes.AnalyticsEngine) with { Dataset = p.Value }),
        .. Pairs(parse, _durableObjects).Select(p => DurableObject(p.Name, p.Value)),
        .. Pairs(parse, _dispatch).Select(p => Binding(p.Name, BindingTypes.DispatchNamespace) with { Namespace = p.Value }),
    ];

    static ResourceSpec Resource(string name, string type, string? hint, string? jurisdiction) =>
        new() { BindingName = name, Type = type, LocationHint = hint, Jurisdiction = jurisdiction };

    static BindingSpec Binding(string name, string type) => new() { Name = name, Type = type };

    static IEnumerable<(string Name, string Value)> Pairs(ParseResult parse, Option<string[]> option) =>
        parse.GetValue(option)!.Select(v => Options.Pair(v, option.Name));

    static BindingSpec Service(string name, string value)
    {
        var (rest, entrypoint) = Split(value, '#');
        var (service, environment) = Split(rest, '@');
        return Binding(name, BindingTypes.Service) with { Service = service, Environment = environment, Entrypoint = entrypoint };
    }

    static BindingSpec DurableObject(string name, string value)
    {
        var (className, script) = Split(value, '@');
        return Binding(name, BindingTypes.DurableObjectNamespace) with { ClassName = className, ScriptName = script };
    }

    static (string Head, string? Tail) Split(string value, char separator)
    {
        var at = value.IndexOf(separator, StringComparison.Ordinal);
        return at < 0 ? (value, null) : (value[..at], value[(at + 1)..]);
    }

    static string JsonText(string value, string name)
    {
        try
        {
            using var _ = JsonDocument.Parse(value);
            return value;
        }
        catch (JsonException ex)
        {
            throw new UsageException($"--json-var {name}: the value is not valid JSON ({ex.Message.Split('.')[0]}).");
        }
    }
}
