using MassTransit;
using MassTransit.RetryPolicies;

namespace Provisioning.Components.Persistence.SagaRepository;

/// <summary>
/// Exponential backoff with full jitter, drawn afresh for every attempt of every message. Deliveries that lost the
/// same optimistic race and come back after the same fixed interval collide again; spreading them over the whole
/// window lets one of them win each round.
/// </summary>
public sealed class JitteredRetryPolicy(IExceptionFilter filter, int retryLimit, TimeSpan minDelay, TimeSpan maxDelay) : IRetryPolicy
{
    public int RetryLimit { get; } = retryLimit;

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Set(new { Policy = "JitteredExponential", Limit = RetryLimit, Min = minDelay, Max = maxDelay });
        filter.Probe(context);
    }

    public RetryPolicyContext<T> CreatePolicyContext<T>(T context)
        where T : class, PipeContext =>
        new PolicyContext<T>(this, context);

    public bool IsHandled(Exception exception) => filter.Match(exception);

    internal TimeSpan NextDelay(int retryCount)
    {
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, minDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryCount, 20)));
        return TimeSpan.FromMilliseconds(minDelay.TotalMilliseconds + (Random.Shared.NextDouble() * (ceiling - minDelay.TotalMilliseconds)));
    }

    sealed class PolicyContext<T>(JitteredRetryPolicy policy, T context) : BaseRetryPolicyContext<T>(policy, context)
        where T : class, PipeContext
    {
        protected override RetryContext<T> CreateRetryContext(Exception exception, CancellationToken cancellationToken) =>
            new AttemptContext<T>(policy, Context, exception, 0, cancellationToken);

        public override bool CanRetry(Exception exception, out RetryContext<T> retryContext) =>
            base.CanRetry(exception, out retryContext) && policy.RetryLimit > 0;
    }

    sealed class AttemptContext<T>(JitteredRetryPolicy policy, T context, Exception exception, int retryCount, CancellationToken cancellationToken)
        : BaseRetryContext<T>(context, exception, retryCount, cancellationToken), RetryContext<T>
        where T : class, PipeContext
    {
        public override TimeSpan? Delay { get; } = policy.NextDelay(retryCount);

        public bool CanRetry(Exception exception, out RetryContext<T> retryContext)
        {
            retryContext = new AttemptContext<T>(policy, Context, exception, RetryCount + 1, CancellationToken);
            return RetryAttempt < policy.RetryLimit && policy.IsHandled(exception);
        }
    }
}
