using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Provisioning.Cloudflare;

/// <summary>
/// Metrics of every attempt the client sends to Cloudflare (retries included), so a dashboard shows calls by route
/// and status: the 429s that the request budget should keep at zero, and the 5xx that retries absorb.
/// </summary>
public sealed class CloudflareMetrics
{
    /// <summary>The <see cref="Meter"/> name to subscribe to.</summary>
    public const string MeterName = "Provisioning.Cloudflare";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public CloudflareMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("cloudflare.requests", "{request}", "Cloudflare API attempts by method, route and status (0 = no answer).");
        _duration = meter.CreateHistogram<double>("cloudflare.request.duration", "s", "Duration of Cloudflare API attempts.");
    }

    internal void Record(string method, string route, int status, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "http.request.method", method },
            { "cloudflare.route", route },
            { "http.response.status_code", status },
        };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}
