using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Provisioning.Cloudflare.Http;

/// <summary>
/// The resilience pipeline, outermost first: total timeout, retry (429, 5xx, attempt timeouts, dropped connections;
/// honours <c>Retry-After</c>), a budget token for each retry, circuit breaker, per-attempt timeout. Built by hand instead of the standard handler
/// so 429 handling, the give-up rule and the budget can be controlled.
/// </summary>
internal static class CloudflareResilience
{
    public const string PipelineName = "cloudflare";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptionsMonitor<CloudflareOptions>>().CurrentValue;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var budgets = services.GetRequiredService<AccountRequestBudgets>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CloudflareResilience).FullName!);

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout });

        if (options.Retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(CreateRetry(options.Retry, timeProvider, logger));
            builder.AddStrategy(_ => new RetryBudgetStrategy(budgets));
        }

        var breaker = options.CircuitBreaker;
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "circuit-breaker",
            FailureRatio = breaker.FailureRatio,
            MinimumThroughput = breaker.MinimumThroughput,
            SamplingDuration = breaker.SamplingDuration,
            BreakDuration = breaker.BreakDuration,
            // 429 is the budget's business, not a sign that Cloudflare is down.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or TimeoutRejectedException } => true,
                { Result: { } response } => (int)response.StatusCode >= 500,
                _ => false,
            }),
            OnOpened = args =>
            {
                logger.LogWarning(
                    "Cloudflare circuit opened for {BreakDurationSeconds} s after {StatusCode}",
                    args.BreakDuration.TotalSeconds,
                    (int?)args.Outcome.Result?.StatusCode);
                return default;
            },
        });

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.Timeout });
    }

    private static RetryStrategyOptions<HttpResponseMessage> CreateRetry(
        CloudflareRetryOptions retry, TimeProvider timeProvider, ILogger logger) => new()
    {
        Name = "retry",
        MaxRetryAttempts = retry.MaxRetryAttempts,
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, retry.MaxRetryAfter, timeProvider.GetUtcNow())),
        DelayGenerator = args =>
        {
            var now = timeProvider.GetUtcNow();
            var delay = args.Outcome.Result is { } response && CloudflareHeaders.RetryAfter(response, now) is { } retryAfter
                ? retryAfter
                : retry.Backoff(args.AttemptNumber);
            return ValueTask.FromResult<TimeSpan?>(delay);
        },
        OnRetry = args =>
        {
            var request = args.Context.GetRequestMessage() ?? args.Outcome.Result?.RequestMessage;
            logger.LogWarning(
                args.Outcome.Exception,
                "Retrying Cloudflare {HttpMethod} {CloudflareRoute} after {StatusCode} (ray {CloudflareRayId}): retry {RetryAttempt} in {RetryDelayMs:0} ms",
                request?.Method.Method,
                CloudflareRequestOptions.Template(request),
                args.Outcome.Result is { } response ? (int)response.StatusCode : null,
                args.Outcome.Result is { } r ? CloudflareHeaders.RayId(r) : null,
                args.AttemptNumber + 1,
                args.RetryDelay.TotalMilliseconds);
            return default;
        },
    };

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, DateTimeOffset now)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
        {
            return false;
        }

        // A long Retry-After (the 5-minute lockout) is not waited out inside one call: fail fast; the step waits it out
        // within OutagePatience, without holding a retry slot of this pipeline.
        return CloudflareHeaders.RetryAfter(response, now) is not { } retryAfter || retryAfter <= maxRetryAfter;
    }
}
