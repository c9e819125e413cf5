using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioning.Cloudflare.Budget;

namespace Provisioning.Cloudflare.Http;

/// <summary>
/// One <see cref="AccountRequestBudget"/> per account id, shared by every HttpClient of the service provider, over the
/// registered <see cref="IRequestBudgetStore"/>. Records the budget's metrics and logs long waits.
/// </summary>
internal sealed class AccountRequestBudgets
{
    // Shorter waits are pacing, not news; longer ones are logged once, when the request goes.
    internal static readonly TimeSpan LoggedWait = TimeSpan.FromSeconds(1);

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
                RequestBudgetLimits.For(o.RequestBudget, o.PacedRequestBudgetWindow, o.EffectiveRequestBudgetBurst),
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
        var wait = await Current.AcquireAsync(priority, retry, cancellationToken).ConfigureAwait(false);
        _metrics.RecordBudgetWait(priority, wait);
        if (wait.Delayed && wait.Duration >= LoggedWait)
        {
            _logger.LogInformation(
                "Cloudflare {HttpMethod} {CloudflareRoute} waited {BudgetWaitSeconds:0.0} s for the account's request budget ({BudgetPriority})",
                request?.Method.Method,
                CloudflareRequestOptions.Template(request),
                wait.Duration.TotalSeconds,
                priority);
        }
    }
}
