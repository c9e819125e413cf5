using Provisioning.Cloudflare.Http;

namespace Provisioning.Cloudflare;

/// <summary>A request before it becomes an <see cref="HttpRequestMessage"/> (content must be re-sendable: retries resend it).</summary>
internal sealed record CloudflareRequest(HttpMethod Method, CloudflareRoute Route)
{
    public HttpContent? Content { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public HttpRequestMessage ToHttpRequestMessage()
    {
        var message = new HttpRequestMessage(Method, new Uri(Route.Path, UriKind.Relative)) { Content = Content };
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Options.Set(CloudflareRequestOptions.RouteTemplate, Route.Template);
        return message;
    }

    public string Describe()
    {
        var query = Route.Path.IndexOf('?', StringComparison.Ordinal);
        return $"{Method} {(query < 0 ? Route.Path : Route.Path[..query])}";
    }
}
