using System.Text.Json.Nodes;
using Json.Schema;

namespace Provisioning.CloudflareEmulator.Tests.Support;

/// <summary>
/// The `result` schema of a path's 200 answer in Cloudflare's OpenAPI subset (TestData, BSD-3-Clause), turned into
/// JSON Schema 2020-12: OpenAPI 3.0's `nullable` becomes a null type and component refs point into `$defs`.
/// Only `result` is checked: the envelope schemas of the 2024 spec contradict themselves for lists (D1's common
/// envelope types `result` as an object, the list adds an array).
/// </summary>
public static class OpenApiSubset
{
    private static readonly JsonObject Document =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "cloudflare-openapi-subset.json")))!.AsObject();

    private static readonly JsonObject Definitions = (JsonObject)Convert(Document["components"]!["schemas"]!);

    /// <param name="staleProperties">result properties ("a/b" for nested ones) the 2024 spec describes wrongly (each caller says why).</param>
    public static void AssertResultConforms(ApiResponse response, string path, string method, params string[] staleProperties)
    {
        var operation = Document["paths"]![path]?[method] ?? throw new ArgumentException($"{method} {path} is not in the subset");
        var resultSchema = FindResultSchema(operation["responses"]!["200"]!) ?? throw new ArgumentException($"no result schema for {method} {path}");
        var schemaDocument = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = Definitions.DeepClone(),
            ["allOf"] = new JsonArray(Convert(resultSchema)),
        };
        var schema = JsonSchema.FromText(schemaDocument.ToJsonString());

        var instance = response.Result?.DeepClone();
        foreach (var property in staleProperties)
        {
            var steps = property.Split('/');
            var parent = steps[..^1].Aggregate(instance, (current, step) => current?[step]);
            Assert.NotNull(parent?[steps[^1]]);
            parent!.AsObject().Remove(steps[^1]);
        }

        var evaluation = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var problems = evaluation.Details.Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
        Assert.True(evaluation.IsValid, $"{method.ToUpperInvariant()} {path} result does not conform:\n{string.Join('\n', problems)}\n{response.Result?.ToJsonString()}");
    }

    private static JsonNode? FindResultSchema(JsonNode node)
    {
        if (node["$ref"]?.GetValue<string>() is { } reference)
        {
            var parts = reference.TrimStart('#', '/').Split('/');
            return FindResultSchema(parts.Aggregate<string, JsonNode>(Document, (current, part) => current[part]!));
        }

        if (node["content"]?["application/json"]?["schema"] is { } schema)
        {
            return FindResultSchema(schema);
        }

        // The specific `result` comes after the common envelope in every allOf, so search from the end.
        if (node["allOf"] is JsonArray allOf)
        {
            return allOf.Reverse().Select(item => FindResultSchema(item!)).FirstOrDefault(found => found is not null);
        }

        return node["properties"]?["result"];
    }

    private static JsonNode Convert(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    result[key] = key == "$ref" && value!.GetValue<string>().StartsWith("#/components/schemas/", StringComparison.Ordinal)
                        ? value.GetValue<string>().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal)
                        : value is null ? null : Convert(value);
                }

                if (obj["nullable"] is JsonValue nullable && nullable.GetValue<bool>())
                {
                    if (result["type"] is JsonValue type)
                    {
                        result["type"] = new JsonArray(type.GetValue<string>(), "null");
                    }

                    if (result["enum"] is JsonArray values && !values.Any(v => v is null))
                    {
                        values.Add(null);
                    }
                }

                return result;
            case JsonArray array:
                return new JsonArray(array.Select(item => item is null ? null : Convert(item)).ToArray());
            default:
                return node.DeepClone();
        }
    }
}
