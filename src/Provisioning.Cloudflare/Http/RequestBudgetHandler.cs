namespace Provisioning.Cloudflare.Http;

/// <summary>
/// Outermost handler: waits for a token of the account's request budget before the first attempt. The wait is
/// bounded only by the caller's token, not by the timeouts, which start once the request may go out: an exhausted
/// budget means waiting, never failing. Retries take their tokens in <see cref="RetryBudgetStrategy"/>.
/// </summary>
internal sealed class RequestBudgetHandler(AccountRequestBudgets budgets) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await budgets.AcquireAsync(request, retry: false, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
