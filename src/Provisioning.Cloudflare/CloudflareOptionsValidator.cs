using Microsoft.Extensions.Options;

namespace Provisioning.Cloudflare;

/// <summary>Checks what data annotations cannot express, so a wrong account id fails at start, not on the first tenant.</summary>
internal sealed class CloudflareOptionsValidator : IValidateOptions<CloudflareOptions>
{
    // RabbitMQ's default consumer_timeout: a delivery unacknowledged for longer gets its channel closed.
    internal static readonly TimeSpan ConsumerTimeout = TimeSpan.FromMinutes(30);

    public ValidateOptionsResult Validate(string? name, CloudflareOptions options)
    {
        var failures = new List<string>();

        if (options.AccountId.Length != 32 || !options.AccountId.All(char.IsAsciiHexDigit))
        {
            failures.Add("Cloudflare:AccountId must be 32 hexadecimal characters.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiToken))
        {
            failures.Add("Cloudflare:ApiToken is required.");
        }

        if (options.BaseAddress is null || !options.BaseAddress.IsAbsoluteUri
            || (options.BaseAddress.Scheme != Uri.UriSchemeHttps && options.BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Cloudflare:BaseAddress must be an absolute http(s) address.");
        }

        if (options.RequestBudget <= 1)
        {
            failures.Add("Cloudflare:RequestBudget must be greater than 1.");
        }

        if (options.RequestBudgetWindow <= TimeSpan.Zero)
        {
            failures.Add("Cloudflare:RequestBudgetWindow must be positive.");
        }

        if (options.EffectiveRequestBudgetBurst < 1 || options.EffectiveRequestBudgetBurst >= options.RequestBudget)
        {
            failures.Add("Cloudflare:RequestBudgetBurst must be at least 1 and less than RequestBudget.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.TotalTimeout <= TimeSpan.Zero)
        {
            failures.Add("Cloudflare:Timeout and Cloudflare:TotalTimeout must be positive.");
        }

        if (options.OutagePatience < TimeSpan.Zero || options.OutagePatience + options.TotalTimeout >= ConsumerTimeout)
        {
            failures.Add($"Cloudflare:OutagePatience must be at least 0 and, plus Cloudflare:TotalTimeout, under {ConsumerTimeout.TotalMinutes:0} minutes "
                + "(RabbitMQ's consumer_timeout): a step waiting out an outage holds its delivery.");
        }

        var retry = options.Retry;
        if (retry is null || retry.MaxRetryAttempts < 0 || retry.BaseDelay < TimeSpan.Zero
            || retry.MaxDelay < retry.BaseDelay || retry.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add("Cloudflare:Retry needs MaxRetryAttempts >= 0, BaseDelay >= 0, MaxDelay >= BaseDelay and MaxRetryAfter >= 0.");
        }

        var breaker = options.CircuitBreaker;
        if (breaker is null || breaker.FailureRatio is <= 0 or > 1 || breaker.MinimumThroughput < 2
            || breaker.SamplingDuration < TimeSpan.FromMilliseconds(500) || breaker.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add("Cloudflare:CircuitBreaker needs 0 < FailureRatio <= 1, MinimumThroughput >= 2 and durations of at least 500 ms.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
