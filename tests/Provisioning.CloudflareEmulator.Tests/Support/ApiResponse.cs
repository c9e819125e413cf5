using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Provisioning.CloudflareEmulator.Tests.Support;

public sealed record ApiResponse(HttpStatusCode Status, HttpResponseHeaders Headers, JsonObject Body)
{
    public JsonNode? Result => Body["result"];

    public bool Success => Body["success"]!.GetValue<bool>();

    public IReadOnlyList<int> ErrorCodes => Body["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<int>()).ToList();

    public IReadOnlyList<string> ErrorMessages => Body["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList();

    public ApiResponse AssertOk()
    {
        Assert.True(Status == HttpStatusCode.OK && Success, $"expected 200 success, got {(int)Status}: {Body.ToJsonString()}");
        Assert.Empty(Body["errors"]!.AsArray());
        return this;
    }

    public ApiResponse AssertError(int status, int code)
    {
        Assert.True((int)Status == status, $"expected {status}, got {(int)Status}: {Body.ToJsonString()}");
        Assert.False(Success);
        Assert.Null(Result);
        Assert.Contains(code, ErrorCodes);
        return this;
    }

    public string Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
