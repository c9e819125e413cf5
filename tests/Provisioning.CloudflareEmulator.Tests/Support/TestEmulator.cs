using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.CloudflareEmulator.Tests.Support;

/// <summary>An emulator on real Kestrel plus plain HttpClients, and the domain verbs the tests share.</summary>
public sealed class TestEmulator : IAsyncDisposable
{
    public const string EsModule = "application/javascript+module";
    public const string WorkerCode = "export default { async fetch(request, env) { return new Response('hello'); } };";

    private static readonly JsonSerializerOptions AdminJson = new(JsonSerializerDefaults.Web);

    private TestEmulator(EmulatorServer server, EmulatorOptions options)
    {
        Server = server;
        Options = options;
        Api = ClientFor(EmulatorDefaults.ApiToken);
        Admin = new HttpClient { BaseAddress = server.AdminBaseAddress };
    }

    public EmulatorServer Server { get; }

    public EmulatorOptions Options { get; }

    public HttpClient Api { get; }

    public HttpClient Admin { get; }

    public static string Account => $"accounts/{EmulatorDefaults.AccountId}";

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new EmulatorOptions();
        configure?.Invoke(options);
        var server = await EmulatorServer.StartAsync(options, time ?? TimeProvider.System, CancellationToken.None);
        return new TestEmulator(server, options);
    }

    public HttpClient ClientFor(string? token)
    {
        var client = new HttpClient { BaseAddress = Server.ApiBaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Sends a request and checks what every Cloudflare answer must have: JSON, a body, a cf-ray.</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content = null, HttpClient? client = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        configure?.Invoke(request);
        using var response = await (client ?? Api).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("cf-ray"), "every answer carries cf-ray");
        var body = JsonNode.Parse(text) as JsonObject;
        Assert.NotNull(body);
        return new ApiResponse(response.StatusCode, response.Headers, body);
    }

    public Task<ApiResponse> GetAsync(string path, HttpClient? client = null) => SendAsync(HttpMethod.Get, path, client: client);

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<ApiResponse> PostJsonAsync(string path, string json, HttpClient? client = null) =>
        SendAsync(HttpMethod.Post, path, JsonBody(json), client);

    public Task<ApiResponse> PutJsonAsync(string path, string json) => SendAsync(HttpMethod.Put, path, JsonBody(json));

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    public static string ScriptPath(string ns, string script) => $"{Account}/workers/dispatch/namespaces/{ns}/scripts/{script}";

    public async Task CreateNamespaceAsync(string name) =>
        (await PostJsonAsync($"{Account}/workers/dispatch/namespaces", $$"""{"name":"{{name}}"}""")).AssertOk();

    public async Task<string> CreateKvAsync(string title) =>
        (await PostJsonAsync($"{Account}/storage/kv/namespaces", $$"""{"title":"{{title}}"}""")).AssertOk().Result!["id"]!.GetValue<string>();

    public async Task<string> CreateD1Async(string name) =>
        (await PostJsonAsync($"{Account}/d1/database", $$"""{"name":"{{name}}"}""")).AssertOk().Result!["uuid"]!.GetValue<string>();

    public async Task CreateR2Async(string name) =>
        (await PostJsonAsync($"{Account}/r2/buckets", $$"""{"name":"{{name}}"}""")).AssertOk();

    /// <summary>A wrangler-style upload of one ES module named index.js.</summary>
    public Task<ApiResponse> UploadAsync(string ns, string script, string metadata, string query = "", string code = WorkerCode) =>
        SendAsync(HttpMethod.Put, ScriptPath(ns, script) + query, RawMultipart.Wrangler(metadata, ("index.js", EsModule, code)));

    public async Task<EmulatorState> StateAsync() =>
        (await Admin.GetFromJsonAsync<EmulatorState>("state", AdminJson))!;

    public async Task<ScriptState> ScriptStateAsync(string script) =>
        (await StateAsync()).Accounts.SelectMany(a => a.Scripts).Single(s => s.Name == script);

    public async Task<Dictionary<string, OperationCount>> CountersAsync() =>
        (await Admin.GetFromJsonAsync<Dictionary<string, OperationCount>>("counters", AdminJson))!;

    public async Task<string> AddFaultAsync(FaultRequest fault)
    {
        using var response = await Admin.PostAsJsonAsync("faults", fault, AdminJson);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<FaultCreated>(AdminJson))!.Id;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Admin.Dispose();
        await Server.DisposeAsync();
    }
}
