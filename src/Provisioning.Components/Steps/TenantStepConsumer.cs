using System.Diagnostics;
using Provisioning.Components.Persistence.SagaRepository;

namespace Provisioning.Components.Steps;

/// <summary>
/// The frame of every step: log scope with TenantId and CommandId, duration metric, and the reply. A Cloudflare outage
/// is waited out in the delivery (<see cref="StepPatience"/>); another transient error (a database conflict) is thrown
/// while the endpoint's message retry has attempts left. After that, once the patience is spent, and for any permanent
/// error, the step replies <see cref="TenantStepFailed"/> so the saga can compensate instead of waiting on a faulted message.
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
        using var budgetWaits = new StepBudgetWaits(step, message);
        using var observing = CloudflareBudgetWaits.Observe(budgetWaits);
        var started = Stopwatch.GetTimestamp();
        var stepName = message.Name;
        if (!await step.IsCurrentAsync(message, context.CancellationToken))
        {
            Logger.LogInformation("Skipped {Step} ({StepIndex}{Mode}) of {CommandId} for tenant {TenantId}: a copy delivered after the tenant's operation moved on",
                stepName, message.StepIndex, message.Compensating ? ", undo" : "", message.CommandId, message.TenantId);
            return;
        }

        try
        {
            var etag = await ExecutePatientlyAsync(message, context.CancellationToken);
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
            // A failure the worker explains (a spent patience, secrets Cloudflare lost) wraps Cloudflare's error: its code
            // still counts while the message says why the step gave up.
            var cloudflare = ex as CloudflareApiException ?? ex.InnerException as CloudflareApiException;
            var error = cloudflare is { Errors.Count: > 0 } ? cloudflare.Errors[0] : null;
            var errorMessage = (ex is CloudflareApiException ? error?.Message : null) ?? ex.Message;
            Logger.LogWarning("{Step} for tenant {TenantId} failed: {Error}", stepName, message.TenantId, ex.Message);
            await context.Publish(Answer<TenantStepFailed>(message) with { ErrorCode = error?.Code, ErrorMessage = errorMessage }, context.CancellationToken);
        }
    }

    /// <summary>Runs the step, waiting out Cloudflare outages within <c>Cloudflare:OutagePatience</c> (<see cref="StepPatience"/>).</summary>
    async Task<string?> ExecutePatientlyAsync(TStep message, CancellationToken cancellationToken)
    {
        var patience = new StepPatience(step, message.Name, message.TenantId);
        while (true)
        {
            try
            {
                return await ExecuteAsync(message, cancellationToken);
            }
            catch (Exception ex) when (StepPatience.IsOutage(ex) && !cancellationToken.IsCancellationRequested)
            {
                await patience.WaitAsync(ex, cancellationToken);
            }
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
