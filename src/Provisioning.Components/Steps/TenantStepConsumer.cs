using System.Diagnostics;
using Provisioning.Components.Persistence.SagaRepository;

namespace Provisioning.Components.Steps;

/// <summary>
/// The frame of every step: log scope with TenantId and CommandId, duration metric, and the reply. A transient error is
/// thrown while the endpoint's message retry has attempts left; after that, and for any permanent error, the step
/// replies <see cref="TenantStepFailed"/> so the saga can compensate instead of waiting on a faulted message.
/// </summary>
public abstract class TenantStepConsumer<TStep>(StepContext step) : IConsumer<TStep>
    where TStep : TenantStep
{
    protected ILogger Logger => step.Logger;

    protected ProvisioningOptions Options => step.Options;

    public async Task Consume(ConsumeContext<TStep> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        using var scope = Logger.BeginScope(new Dictionary<string, object> { ["TenantId"] = message.TenantId, ["CommandId"] = message.CommandId });
        using var priority = message.Background ? CloudflareRequestPriority.Background() : null;
        var started = Stopwatch.GetTimestamp();
        var stepName = message.Name;
        try
        {
            var etag = await ExecuteAsync(message, context.CancellationToken);
            step.Metrics.RecordStep(stepName, "completed", Stopwatch.GetElapsedTime(started));
            await context.Publish(Answer<TenantStepCompleted>(message) with { Etag = etag }, context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (StepErrors.IsTransient(ex) && context.GetRetryAttempt() < step.Options.StepRetryLimit)
        {
            Logger.LogWarning("{Step} for tenant {TenantId} failed transiently (attempt {Attempt}): {Error}",
                stepName, message.TenantId, context.GetRetryAttempt() + 1, ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            step.Metrics.RecordStep(stepName, "failed", Stopwatch.GetElapsedTime(started));
            var (code, text) = ex switch
            {
                StepFailedException failed => (failed.ErrorCode, failed.Message),
                CloudflareApiException { Errors.Count: > 0 } cloudflare => (cloudflare.Errors[0].Code, cloudflare.Errors[0].Message),
                _ => (null, ex.Message),
            };
            Logger.LogWarning("{Step} for tenant {TenantId} failed: {Error}", stepName, message.TenantId, ex.Message);
            await context.Publish(Answer<TenantStepFailed>(message) with { ErrorCode = code, ErrorMessage = text }, context.CancellationToken);
        }
    }

    /// <summary>A result addressed to the step it answers, so the saga can match it to its current step.</summary>
    static T Answer<T>(TStep message)
        where T : TenantStepResult, new() => new()
    {
        CorrelationId = message.CorrelationId, CommandId = message.CommandId, Step = message.Name,
        StepIndex = message.StepIndex, Compensating = message.Compensating,
    };

    /// <summary>Does the step's work; returns the script etag for uploads, else null.</summary>
    protected abstract Task<string?> ExecuteAsync(TStep message, CancellationToken cancellationToken);
}
