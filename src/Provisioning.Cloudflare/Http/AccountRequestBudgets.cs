using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioning.Cloudflare.Budget;

namespace Provisioning.Cloudflare.Http;

/// <summary>
/// One <see cref="AccountRequestBudget"/> per account id, shared by every HttpClient of the service provider, over the
/// registered <see cref="IRequestBudgetStore"/>. Records the budget's metrics, and logs long waits or tells the flow's
/// <see cref="IRequestBudgetWaitObserver"/> about them.
/// </summary>
internal sealed class AccountRequestBudgets
{
    private readonly ConcurrentDictionary<string, AccountRequestBudget> _budgets = new(StringComparer.OrdinalIgnoreCase);
    private readonly IOptionsMonitor<CloudflareOptions> _options;
    private readonly IRequestBudgetStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly CloudflareMetrics _metrics;
    private readonly ILogger<AccountRequestBudgets> _logger;

    public AccountRequestBudgets(
        IOptionsMonitor<CloudflareOptions> options,
        IRequestBudgetStore store,
        TimeProvider timeProvider,
        CloudflareMetrics metrics,
        ILogger<AccountRequestBudgets> logger)
    {
        _options = options;
        _store = store;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        metrics.ObserveBudgetTokens(() => _budgets.Values.Select(b =>
            new Measurement<double>(b.Tokens, new KeyValuePair<string, object?>("cloudflare.account_id", b.AccountId))));
    }

    public AccountRequestBudget For(string accountId) =>
        _budgets.GetOrAdd(accountId, id =>
        {
            var o = _options.CurrentValue;
            return new AccountRequestBudget(
                id,
                o.RequestBudgetLimits,
                o.RequestBudgetWindowPadding,
                o.RequestBudgetBackgroundReserve,
                _store,
                _timeProvider);
        });

    public AccountRequestBudget Current => For(_options.CurrentValue.AccountId);

    /// <summary>Waits for a token for <paramref name="request"/> at the ambient <see cref="CloudflareRequestPriority"/>.</summary>
    public async ValueTask AcquireAsync(HttpRequestMessage? request, bool retry, CancellationToken cancellationToken)
    {
        var priority = CloudflareRequestPriority.Current;
        var observer = CloudflareBudgetWaits.Current;
        var acquire = Current.AcquireAsync(priority, retry, cancellationToken);
        var (wait, observed) = observer is null || acquire.IsCompleted
            ? (await acquire.ConfigureAwait(false), false)
            : await ObserveAsync(acquire.AsTask(), observer, priority, request).ConfigureAwait(false);
        _metrics.RecordBudgetWait(priority, wait);
        if (!observed && wait.Delayed && wait.Duration >= CloudflareBudgetWaits.Threshold)
        {
            // Logged once, when the request goes; an observed wait is the observer's to log, with what it knows of the caller.
            _logger.LogInformation(
                "Cloudflare {HttpMethod} {CloudflareRoute} waited {BudgetWaitSeconds:0.0} s for the account's request budget ({BudgetPriority})",
                request?.Method.Method,
                CloudflareRequestOptions.Template(request),
                wait.Duration.TotalSeconds,
                priority);
        }
    }

    /// <summary>Tells <paramref name="observer"/> once the wait passes the threshold, and again when it ends: at most two calls per wait.</summary>
    private async Task<(RequestBudgetWait Wait, bool Observed)> ObserveAsync(
        Task<RequestBudgetWait> acquire, IRequestBudgetWaitObserver observer, RequestPriority priority, HttpRequestMessage? request)
    {
        var since = _timeProvider.GetUtcNow();
        using (var stop = new CancellationTokenSource())
        {
            var threshold = Task.Delay(CloudflareBudgetWaits.Threshold, _timeProvider, stop.Token);
            if (await Task.WhenAny(acquire, threshold).ConfigureAwait(false) == acquire)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                return (await acquire.ConfigureAwait(false), false);
            }
        }

        var notice = new RequestBudgetWaitNotice(since, priority, request?.Method.Method, CloudflareRequestOptions.Template(request));
        await observer.WaitStartedAsync(notice, CancellationToken.None).ConfigureAwait(false);
        try
        {
            return (await acquire.ConfigureAwait(false), true);
        }
        finally
        {
            // Also when the wait was cancelled: the observer must not go on showing a wait that is over.
            await observer.WaitEndedAsync(notice, _timeProvider.GetUtcNow() - since, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
