using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Provisioning.Cloudflare;

/// <summary>
/// Metrics of every attempt the client sends to Cloudflare (retries included), so a dashboard shows calls by route
/// and status: the 429s that the request budget should keep at zero, and the 5xx that retries absorb. And the account's
/// request budget: tokens left, requests that had to wait for one and how long (<c>cloudflare.budget.*</c>).
/// </summary>
public sealed class CloudflareMetrics
{
    /// <summary>The <see cref="Meter"/> name to subscribe to.</summary>
    public const string MeterName = "Provisioning.Cloudflare";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _budgetWaits;
    private readonly Histogram<double> _budgetWaitDuration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public CloudflareMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("cloudflare.requests", "{request}", "Cloudflare API attempts by method, route and status (0 = no answer).");
        _duration = _meter.CreateHistogram<double>("cloudflare.request.duration", "s", "Duration of Cloudflare API attempts.");
        _budgetWaits = _meter.CreateCounter<long>(
            "cloudflare.budget.waits", "{request}", "Requests that found the account's request budget empty and waited, by priority.");
        _budgetWaitDuration = _meter.CreateHistogram<double>(
            "cloudflare.budget.wait.duration", "s", "Time every request spent getting its budget token, by priority (about 0 when one was free).");
    }

    internal void ObserveBudgetTokens(Func<IEnumerable<Measurement<double>>> observe) =>
        _meter.CreateObservableGauge("cloudflare.budget.tokens", observe, "{token}", "Tokens left in the account's request budget, as this replica last saw them.");

    internal void RecordBudgetWait(RequestPriority priority, Http.RequestBudgetWait wait)
    {
        var tags = new TagList { { "cloudflare.budget.priority", priority == RequestPriority.Background ? "background" : "foreground" } };
        _budgetWaitDuration.Record(wait.Duration.TotalSeconds, tags);
        if (wait.Delayed)
        {
            _budgetWaits.Add(1, tags);
        }
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
