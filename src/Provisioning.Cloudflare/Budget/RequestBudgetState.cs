using Microsoft.Extensions.Options;

namespace Provisioning.Cloudflare.Budget;

/// <summary>The configured account's request budget as it stands now, for status views.</summary>
/// <param name="RequestBudget">Configured requests per window (<c>Cloudflare:RequestBudget</c>).</param>
/// <param name="Window">The window (<c>Cloudflare:RequestBudgetWindow</c>).</param>
/// <param name="Burst">The bucket's capacity (<c>Cloudflare:RequestBudgetBurst</c>, default 1% of the budget).</param>
/// <param name="Reading">The bucket now.</param>
public sealed record RequestBudgetState(int RequestBudget, TimeSpan Window, int Burst, RequestBudgetReading Reading);

/// <summary>
/// Reads the configured account's budget from the registered <see cref="IRequestBudgetStore"/>: the shared row on
/// PostgreSQL (the whole fleet's), the in-process bucket otherwise (this node's). Takes nothing.
/// </summary>
public sealed class RequestBudgetReader(IOptionsMonitor<CloudflareOptions> options, IRequestBudgetStore store)
{
    /// <summary>Reads the budget now.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The budget and its bucket.</returns>
    public async Task<RequestBudgetState> ReadAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var reading = await store.ReadAsync(o.AccountId, o.RequestBudgetLimits, cancellationToken).ConfigureAwait(false);
        return new RequestBudgetState(o.RequestBudget, o.RequestBudgetWindow, o.EffectiveRequestBudgetBurst, reading);
    }
}
