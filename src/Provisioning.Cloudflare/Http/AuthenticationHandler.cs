using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Provisioning.Cloudflare.Http;

/// <summary>Adds <c>Authorization: Bearer &lt;token&gt;</c> to every attempt. The token is read per request so a reloaded option applies.</summary>
internal sealed class AuthenticationHandler(IOptionsMonitor<CloudflareOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.CurrentValue.ApiToken);
        return base.SendAsync(request, cancellationToken);
    }
}
