using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioning.CloudflareEmulator.Api;

/// <summary>
/// Writes Cloudflare's v4 envelope. Always JSON with a body: the npm SDK reads `null.result` on a 204 and only
/// parses bodies whose Content-Type is application/json (docs/emulator.md).
/// </summary>
internal static class Envelope
{
    public static IResult Ok(JsonNode? result, JsonObject? resultInfo = null, JsonArray? messages = null) =>
        new EnvelopeResult(200, Success(result, resultInfo, messages));

    public static JsonObject Success(JsonNode? result, JsonObject? resultInfo = null, JsonArray? messages = null)
    {
        var body = new JsonObject
        {
            ["success"] = true,
            ["errors"] = new JsonArray(),
            ["messages"] = messages ?? new JsonArray(),
            ["result"] = result,
        };
        if (resultInfo is not null)
        {
            body["result_info"] = resultInfo;
        }

        return body;
    }

    public static JsonObject Failure(IEnumerable<ApiErrorItem> errors)
    {
        var items = new JsonArray();
        foreach (var error in errors)
        {
            var item = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
            if (error.DocumentationUrl is not null)
            {
                item["documentation_url"] = error.DocumentationUrl;
            }

            items.Add(item);
        }

        return new JsonObject
        {
            ["success"] = false,
            ["errors"] = items,
            ["messages"] = new JsonArray(),
            ["result"] = null,
        };
    }

    public static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(JsonOptions), context.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    private sealed class EnvelopeResult(int status, JsonObject body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, body);
    }
}
