using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Provisioning.Cloudflare.Http;

/// <summary>One <see cref="AccountRequestBudget"/> per account id, shared by every HttpClient of the service provider.</summary>
internal sealed class AccountRequestBudgets(IOptionsMonitor<CloudflareOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, AccountRequestBudget> _budgets = new(StringComparer.OrdinalIgnoreCase);

    public AccountRequestBudget For(string accountId) =>
        _budgets.GetOrAdd(accountId, _ =>
        {
            var o = options.CurrentValue;
            return new AccountRequestBudget(o.RequestBudget, o.RequestBudgetWindow, o.EffectiveRequestBudgetBurst, timeProvider);
        });

    public AccountRequestBudget Current => For(options.CurrentValue.AccountId);
}
