using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Provisioning.Cloudflare.Serialization;

namespace Provisioning.Cloudflare;

internal sealed class WorkerScriptsClient(CloudflareConnection connection) : IWorkerScriptsClient
{
    private static readonly CloudflareJsonContext Json = CloudflareJsonContext.Default;

    public Task<WorkerScript> UploadAsync(
        string dispatchNamespace, string scriptName, WorkerScriptUpload upload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dispatchNamespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(scriptName);
        ArgumentNullException.ThrowIfNull(upload);

        var metadata = new WorkerScriptMetadata(
            upload.MainModule,
            upload.CompatibilityDate,
            upload.CompatibilityFlags,
            upload.Bindings,
            upload.KeepBindings,
            upload.Tags);

        var form = new MultipartFormDataContent();
        form.Add(JsonPart("metadata", JsonSerializer.SerializeToUtf8Bytes(metadata, Json.WorkerScriptMetadata)));
        foreach (var module in upload.Modules)
        {
            // Part name and filename are both the module name, as wrangler sends them; Cloudflare resolves
            // main_module by either, and a part without filename fails with "No such module".
            var part = new ByteArrayContent(module.Content.ToArray());
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(module.ContentType);
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = Quote(module.Name),
                FileName = Quote(module.Name),
            };
            form.Add(part);
        }

        var route = CloudflareRoutes.Script(connection.AccountId, dispatchNamespace, scriptName)
            .WithQuery(("bindings_inherit", upload.StrictBindingInheritance ? "strict" : null));
        return connection.SendAsync(new CloudflareRequest(HttpMethod.Put, route) { Content = form }, Json.WorkerScript, cancellationToken);
    }

    public Task<DispatchNamespaceScript> GetAsync(string dispatchNamespace, string scriptName, CancellationToken cancellationToken)
    {
        var route = ScriptRoute(dispatchNamespace, scriptName, CloudflareRoutes.Script);
        return connection.SendAsync(new CloudflareRequest(HttpMethod.Get, route), Json.DispatchNamespaceScript, cancellationToken);
    }

    public Task DeleteAsync(string dispatchNamespace, string scriptName, bool force, CancellationToken cancellationToken)
    {
        var route = ScriptRoute(dispatchNamespace, scriptName, CloudflareRoutes.Script)
            .WithQuery(("force", force ? "true" : null));
        return connection.SendAsync(new CloudflareRequest(HttpMethod.Delete, route), cancellationToken);
    }

    public async Task<IReadOnlyList<WorkerBinding>> GetBindingsAsync(string dispatchNamespace, string scriptName, CancellationToken cancellationToken)
    {
        var route = ScriptRoute(dispatchNamespace, scriptName, CloudflareRoutes.ScriptBindings);
        return await connection.SendForOptionalResultAsync(new CloudflareRequest(HttpMethod.Get, route), Json.ListWorkerBinding, cancellationToken) ?? [];
    }

    public Task<WorkerScriptSettings> GetSettingsAsync(string dispatchNamespace, string scriptName, CancellationToken cancellationToken)
    {
        var route = ScriptRoute(dispatchNamespace, scriptName, CloudflareRoutes.ScriptSettings);
        return connection.SendAsync(new CloudflareRequest(HttpMethod.Get, route), Json.WorkerScriptSettings, cancellationToken);
    }

    public Task<WorkerScriptSettings> UpdateSettingsAsync(
        string dispatchNamespace, string scriptName, WorkerScriptSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var route = ScriptRoute(dispatchNamespace, scriptName, CloudflareRoutes.ScriptSettings);
        var form = new MultipartFormDataContent
        {
            JsonPart("settings", JsonSerializer.SerializeToUtf8Bytes(settings, Json.WorkerScriptSettings)),
        };
        return connection.SendAsync(new CloudflareRequest(HttpMethod.Patch, route) { Content = form }, Json.WorkerScriptSettings, cancellationToken);
    }

    public Task<WorkerSecret> SetSecretAsync(
        string dispatchNamespace, string scriptName, string secretName, string secretText, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secretName);
        ArgumentNullException.ThrowIfNull(secretText);
        var route = ScriptRoute(dispatchNamespace, scriptName, CloudflareRoutes.ScriptSecrets);
        var body = new WorkerSecretRequest(secretName, WorkerBindingTypes.SecretText, secretText);
        var request = new CloudflareRequest(HttpMethod.Put, route) { Content = JsonContent.Create(body, Json.WorkerSecretRequest) };
        return connection.SendAsync(request, Json.WorkerSecret, cancellationToken);
    }

    public async Task<IReadOnlyList<WorkerSecret>> ListSecretsAsync(string dispatchNamespace, string scriptName, CancellationToken cancellationToken)
    {
        var route = ScriptRoute(dispatchNamespace, scriptName, CloudflareRoutes.ScriptSecrets);
        return await connection.SendForOptionalResultAsync(new CloudflareRequest(HttpMethod.Get, route), Json.ListWorkerSecret, cancellationToken) ?? [];
    }

    public Task DeleteSecretAsync(string dispatchNamespace, string scriptName, string secretName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dispatchNamespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(scriptName);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretName);
        var route = CloudflareRoutes.ScriptSecret(connection.AccountId, dispatchNamespace, scriptName, secretName);
        return connection.SendAsync(new CloudflareRequest(HttpMethod.Delete, route), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> GetTagsAsync(string dispatchNamespace, string scriptName, CancellationToken cancellationToken)
    {
        var route = ScriptRoute(dispatchNamespace, scriptName, CloudflareRoutes.ScriptTags);
        return await connection.SendForOptionalResultAsync(new CloudflareRequest(HttpMethod.Get, route), Json.ListString, cancellationToken) ?? [];
    }

    public async Task<IReadOnlyList<string>> ReplaceTagsAsync(
        string dispatchNamespace, string scriptName, IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var route = ScriptRoute(dispatchNamespace, scriptName, CloudflareRoutes.ScriptTags);
        var request = new CloudflareRequest(HttpMethod.Put, route) { Content = JsonContent.Create(tags.ToList(), Json.ListString) };
        return await connection.SendForOptionalResultAsync(request, Json.ListString, cancellationToken) ?? [];
    }

    private CloudflareRoute ScriptRoute(
        string dispatchNamespace, string scriptName, Func<string, string, string, CloudflareRoute> route)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dispatchNamespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(scriptName);
        return route(connection.AccountId, dispatchNamespace, scriptName);
    }

    private static ByteArrayContent JsonPart(string name, byte[] json)
    {
        var part = new ByteArrayContent(json);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name) };
        return part;
    }

    private static string Quote(string value) => $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
