using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Provisioning.Cloudflare.Http;

/// <summary>
/// One Debug line and one metric point per attempt: method, route template, status, ray id. Never headers or bodies.
/// </summary>
internal sealed class RequestLoggingHandler(ILogger<RequestLoggingHandler> logger, CloudflareMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var route = CloudflareRequestOptions.Template(request);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // A dropped connection or an abandoned attempt has no status: counted as 0 so it shows on the dashboard.
            metrics.Record(request.Method.Method, route, 0, Stopwatch.GetElapsedTime(started));
            throw;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Record(request.Method.Method, route, (int)response.StatusCode, elapsed);
        logger.LogDebug(
            "Cloudflare {HttpMethod} {CloudflareRoute} answered {StatusCode} in {ElapsedMs:0} ms (ray {CloudflareRayId})",
            request.Method.Method,
            route,
            (int)response.StatusCode,
            elapsed.TotalMilliseconds,
            CloudflareHeaders.RayId(response));
        return response;
    }
}
