namespace Provisioning.Cloudflare.Http;

/// <summary>
/// Runs on every attempt (inside the retry): feeds Cloudflare's rate-limit headers to the account budget and, on a 429,
/// pauses the budget until <c>Retry-After</c>, so every replica sharing the budget pauses instead of earning the 5-minute lockout.
/// </summary>
internal sealed class RateLimitObserverHandler(AccountRequestBudgets budgets, TimeProvider timeProvider) : DelegatingHandler
{
    // Cloudflare documents Retry-After on every 429; if one ever comes without, pause briefly rather than not at all.
    internal static readonly TimeSpan PauseWithoutRetryAfter = TimeSpan.FromSeconds(5);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var budget = budgets.Current;
        var now = timeProvider.GetUtcNow();

        if (CloudflareHeaders.RateLimitPolicy(response) is { } policy)
        {
            budget.ObservePolicy(policy.Quota, policy.Window);
        }

        // The answer is in: recording what it says must not be lost to a caller that gives up now.
        var rateLimit = CloudflareHeaders.RateLimit(response, now);
        if ((int)response.StatusCode == 429)
        {
            var pause = CloudflareHeaders.RetryAfter(response, now) ?? rateLimit?.Reset ?? PauseWithoutRetryAfter;
            await budget.PauseAsync(pause, CancellationToken.None);
        }
        else if (rateLimit is { } limit)
        {
            await budget.ObserveRemainingAsync(limit.Remaining, limit.Reset, CancellationToken.None);
        }

        return response;
    }
}
