namespace Provisioning.Cloudflare.Http;

/// <summary>Keys of <see cref="HttpRequestMessage.Options"/> the handlers read.</summary>
internal static class CloudflareRequestOptions
{
    /// <summary>The route template, e.g. <c>accounts/{account_id}/storage/kv/namespaces</c>: logged instead of the path.</summary>
    public static readonly HttpRequestOptionsKey<string> RouteTemplate = new("Provisioning.Cloudflare.RouteTemplate");

    public static string Template(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(RouteTemplate, out var template) ? template : "(unknown route)";
}
