using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Provisioning.Cloudflare.Http;

/// <summary>One Debug line per attempt: method, route template, status, ray id. Never headers or bodies.</summary>
internal sealed class RequestLoggingHandler(ILogger<RequestLoggingHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken);
        logger.LogDebug(
            "Cloudflare {HttpMethod} {CloudflareRoute} answered {StatusCode} in {ElapsedMs:0} ms (ray {CloudflareRayId})",
            request.Method.Method,
            CloudflareRequestOptions.Template(request),
            (int)response.StatusCode,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            CloudflareHeaders.RayId(response));
        return response;
    }
}
