using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioning.CloudflareEmulator.Api;

internal static class Json
{
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        var node = await ReadNodeAsync(request);
        return node as JsonObject ?? throw MalformedBody();
    }

    public static async Task<JsonNode?> ReadNodeAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            throw MalformedBody();
        }
    }

    public static JsonObject ParseObject(string text, string what)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new ApiException(400, ErrorCodes.ScriptValidation, $"could not read content for part {what}");
        }
        catch (JsonException)
        {
            throw new ApiException(400, ErrorCodes.ScriptValidation, $"could not read content for part {what}");
        }
    }

    public static string? String(this JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public static bool? Bool(this JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

    public static ApiException MalformedBody() => new(400, ErrorCodes.MalformedJson, "Malformed JSON in request body");
}
