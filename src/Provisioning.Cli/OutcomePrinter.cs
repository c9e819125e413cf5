using System.Diagnostics;
using System.Text.Json;
using Provisioning.Cli.Transport;
using Provisioning.Contracts;

namespace Provisioning.Cli;

/// <summary>Writes an outcome event for people: what was created, or why it failed and what was undone.</summary>
public static class OutcomePrinter
{
    public static void Print(CommandOutcome outcome, TextWriter output)
    {
        var json = outcome.Outcome;
        output.WriteLine($"{outcome.OutcomeType}: tenant {Text(json, "tenantId")}");
        if (outcome.OutcomeType == nameof(CommandRejected))
        {
            output.WriteLine($"  rejected {Text(json, "commandType")}: {Text(json, "reason")}");
            return;
        }

        if (!outcome.Succeeded)
        {
            var code = json.TryGetProperty("errorCode", out var c) && c.ValueKind == JsonValueKind.Number ? $" (Cloudflare code {c.GetInt32()})" : "";
            output.WriteLine($"  failed at step {Text(json, "failedStep")}{code}: {Text(json, "errorMessage")}");
            PrintResources(json, "compensated", "  compensated (deleted):", output);
            if (json.TryGetProperty("compensationFailed", out var cf) && cf.ValueKind == JsonValueKind.True)
            {
                output.WriteLine("  COMPENSATION FAILED: resources may be left behind; see README \"Operations\" (RetryCompensation).");
            }

            return;
        }

        foreach (var field in new[] { "dispatchNamespace", "scriptName", "bindingName", "bindingType", "etag" })
        {
            if (json.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
            {
                output.WriteLine($"  {field}: {value.GetString()}");
            }
        }

        PrintResources(json, "resources", "  resources:", output);
        PrintResources(json, "deletedResources", "  deleted:", output);
        if (json.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.Object)
        {
            output.WriteLine($"  resource: {Text(resource, "type")} {Text(resource, "name")} {Text(resource, "cloudflareId")}");
        }
    }

    static void PrintResources(JsonElement json, string property, string title, TextWriter output)
    {
        if (!json.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return;
        }

        output.WriteLine(title);
        foreach (var r in list.EnumerateArray())
        {
            output.WriteLine($"    {Text(r, "bindingName"),-16} {Text(r, "type"),-14} {Text(r, "name"),-40} {Text(r, "cloudflareId")}{(r.TryGetProperty("adopted", out var a) && a.ValueKind == JsonValueKind.True ? " (adopted)" : "")}");
        }
    }

    static string Text(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? value.ToString() : "-";
}
