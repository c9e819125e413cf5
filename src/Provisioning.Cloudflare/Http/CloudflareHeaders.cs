using System.Globalization;

namespace Provisioning.Cloudflare.Http;

/// <summary>Reads the response headers Cloudflare uses for tracing and rate limiting.</summary>
internal static class CloudflareHeaders
{
    public static string? RayId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("cf-ray", out var values) ? values.FirstOrDefault() : null;

    /// <summary><c>Retry-After</c> as delta-seconds or HTTP date, relative to <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>
    /// Remaining requests and seconds to reset: the most restrictive item of <c>Ratelimit: "default";r=50;t=30</c>,
    /// else the older <c>x-ratelimit-remaining</c> / <c>x-ratelimit-reset</c> pair (reset as seconds, epoch seconds or RFC 1123 date).
    /// </summary>
    public static (int Remaining, TimeSpan Reset)? RateLimit(HttpResponseMessage response, DateTimeOffset now)
    {
        (int Remaining, TimeSpan Reset)? strictest = null;
        foreach (var item in StructuredItems(response, "Ratelimit"))
        {
            if (item.TryGetValue("r", out var r) && item.TryGetValue("t", out var t) && r >= 0 && t >= 0
                && (strictest is null || r < strictest.Value.Remaining))
            {
                strictest = ((int)r, TimeSpan.FromSeconds(t));
            }
        }

        if (strictest is not null)
        {
            return strictest;
        }

        if (!TryGetSingle(response, "x-ratelimit-remaining", out var remainingText)
            || !int.TryParse(remainingText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)
            || !TryGetSingle(response, "x-ratelimit-reset", out var resetText))
        {
            return null;
        }

        if (long.TryParse(resetText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            // Large numbers are epoch seconds, small ones delta-seconds.
            var reset = number > 1_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(number) - now : TimeSpan.FromSeconds(number);
            return (remaining, reset > TimeSpan.Zero ? reset : TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(resetText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var reset = date - now;
            return (remaining, reset > TimeSpan.Zero ? reset : TimeSpan.Zero);
        }

        return null;
    }

    /// <summary>The strictest quota of <c>Ratelimit-Policy: "burst";q=100;w=60</c>, as (quota, window).</summary>
    public static (int Quota, TimeSpan Window)? RateLimitPolicy(HttpResponseMessage response)
    {
        (int Quota, TimeSpan Window)? strictest = null;
        foreach (var item in StructuredItems(response, "Ratelimit-Policy"))
        {
            if (item.TryGetValue("q", out var q) && item.TryGetValue("w", out var w) && q > 0 && w > 0
                && (strictest is null || q / w < strictest.Value.Quota / strictest.Value.Window.TotalSeconds))
            {
                strictest = ((int)q, TimeSpan.FromSeconds(w));
            }
        }

        return strictest;
    }

    // RFC 9651 list of items with parameters, e.g. "default";r=50;t=30, "burst";r=5;t=1. Only numeric parameters matter here.
    private static IEnumerable<Dictionary<string, double>> StructuredItems(HttpResponseMessage response, string header)
    {
        if (!response.Headers.TryGetValues(header, out var values))
        {
            yield break;
        }

        foreach (var item in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var parameters = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var part in item.Split(';', StringSplitOptions.TrimEntries).Skip(1))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && double.TryParse(part[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    parameters[part[..equals]] = value;
                }
            }

            yield return parameters;
        }
    }

    private static bool TryGetSingle(HttpResponseMessage response, string header, out string value)
    {
        value = response.Headers.TryGetValues(header, out var values) ? values.FirstOrDefault() ?? "" : "";
        return value.Length > 0;
    }
}
