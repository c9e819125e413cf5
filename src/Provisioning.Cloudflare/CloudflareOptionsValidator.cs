using Microsoft.Extensions.Options;

namespace Provisioning.Cloudflare;

/// <summary>Checks what data annotations cannot express, so a wrong account id fails at start, not on the first tenant.</summary>
internal sealed class CloudflareOptionsValidator : IValidateOptions<CloudflareOptions>
{
    // RabbitMQ's default consumer_timeout closes the channel of a delivery unacknowledged for 30 minutes; a step waiting
    // out an outage holds its delivery, so the patience leaves 5 minutes of it for the step's last try.
    internal static readonly TimeSpan MaxOutagePatience = TimeSpan.FromMinutes(25);

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

        if (options.RequestBudgetWindowPadding < TimeSpan.Zero || options.RequestBudgetWindowPadding >= options.RequestBudgetWindow)
        {
            failures.Add("Cloudflare:RequestBudgetWindowPadding must be zero or more and shorter than RequestBudgetWindow.");
        }

        if (options.EffectiveRequestBudgetBurst < 1 || options.EffectiveRequestBudgetBurst >= options.RequestBudget)
        {
            failures.Add("Cloudflare:RequestBudgetBurst must be at least 1 and less than RequestBudget.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.TotalTimeout <= TimeSpan.Zero)
        {
            failures.Add("Cloudflare:Timeout and Cloudflare:TotalTimeout must be positive.");
        }

        if (options.OutagePatience < TimeSpan.Zero || options.OutagePatience > MaxOutagePatience)
        {
            failures.Add($"Cloudflare:OutagePatience must be between 0 and {MaxOutagePatience.TotalMinutes:0} minutes: a step waiting out an outage "
                + "holds its delivery, and RabbitMQ's consumer_timeout (30 minutes by default) would close its channel.");
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
