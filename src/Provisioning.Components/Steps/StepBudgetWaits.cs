using Provisioning.Components.StateMachines;

namespace Provisioning.Components.Steps;

/// <summary>
/// Makes a step's long waits for the Cloudflare API budget visible: <c>wfp status</c> shows them from the tenant's saga
/// row, whichever replica answers, and one Information line per wait says who waited how long. The row is written
/// once when a wait passes <see cref="CloudflareBudgetWaits.Threshold"/> and once when it ends, never per request.
/// While it waits, the step refreshes <see cref="TenantState.BudgetWaitHeartbeat"/> every
/// <c>Provisioning:BudgetWaitHeartbeatInterval</c>, so the stalled-work sweep does not send a step that is alive again.
/// </summary>
/// <remarks>
/// ExecuteUpdate leaves the row's Version alone: the saga's optimistic concurrency is about its own fields, and the
/// saga saves only the columns it changed, so neither overwrites the other. A row left set by a replica that died
/// waiting is cleared when the saga sends the next step.
/// </remarks>
public sealed class StepBudgetWaits(StepContext step, TenantStep message) : IRequestBudgetWaitObserver, IDisposable
{
    // Held across the count and its write, so a wait's end can never overtake the next wait's start (parallel requests).
    readonly SemaphoreSlim _writes = new(1, 1);
    int _waiting;
    string? _operation;
    CancellationTokenSource? _heartbeat;
    Task _beating = Task.CompletedTask;

    public async ValueTask WaitStartedAsync(RequestBudgetWaitNotice wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wait);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (_waiting++ == 0)
            {
                _operation = await WriteAsync(wait.Since.UtcDateTime, wait.Priority.ToString(), cancellationToken);
                _heartbeat = new CancellationTokenSource();
                _beating = BeatAsync(_heartbeat.Token);
            }
        }
        finally
        {
            _writes.Release();
        }
    }

    public async ValueTask WaitEndedAsync(RequestBudgetWaitNotice wait, TimeSpan waited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wait);
        step.Logger.LogInformation(
            "{Step} of {Operation} for tenant {TenantId} waited {BudgetWaitSeconds:0.0} s for the Cloudflare API budget ({BudgetPriority}, {HttpMethod} {CloudflareRoute})",
            message.Name, _operation, message.TenantId, waited.TotalSeconds, wait.Priority, wait.Method, wait.Route);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (--_waiting == 0)
            {
                await StopBeatingAsync();
                await WriteAsync(null, null, cancellationToken);
            }
        }
        finally
        {
            _writes.Release();
        }
    }

    public void Dispose()
    {
        _heartbeat?.Cancel();
        _heartbeat?.Dispose();
        _writes.Dispose();
    }

    /// <summary>Refreshes the heartbeat every interval until stopped: one UPDATE per interval, whatever the number of requests waiting.</summary>
    async Task BeatAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(step.Options.BudgetWaitHeartbeatInterval, step.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await BeatOnceAsync(stop);
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Stopped: the wait ended, or the step did (a statement cut short may throw other than OperationCanceledException).
        }
    }

    async Task BeatOnceAsync(CancellationToken stop)
    {
        try
        {
            await using var db = await step.Contexts.CreateDbContextAsync(stop);
            var now = step.Time.GetUtcNow().UtcDateTime;
            await Running(db).Where(x => x.BudgetWaitSince != null).ExecuteUpdateAsync(s => s.SetProperty(x => x.BudgetWaitHeartbeat, now), stop);
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            // The wait goes on and the next beat may get through; without one for two intervals the sweep may send the
            // step again, which a step tolerates.
            step.Logger.LogWarning(ex, "Missed a Cloudflare API budget wait heartbeat of {Step} for tenant {TenantId}", message.Name, message.TenantId);
        }
    }

    async Task StopBeatingAsync()
    {
        if (_heartbeat is { } heartbeat)
        {
            await heartbeat.CancelAsync();
            await _beating;
            heartbeat.Dispose();
            _heartbeat = null;
        }
    }

    /// <summary>
    /// Records the wait on the saga row while the row still runs this step's command; returns that command's type. Both
    /// the start and the end are a heartbeat: the end's covers the next request's first second of waiting, before it
    /// counts as a wait.
    /// </summary>
    async Task<string?> WriteAsync(DateTime? since, string? priority, CancellationToken cancellationToken)
    {
        try
        {
            var heartbeat = step.Time.GetUtcNow().UtcDateTime;
            await using var db = await step.Contexts.CreateDbContextAsync(cancellationToken);
            var running = Running(db);
            await running.ExecuteUpdateAsync(s => s
                .SetProperty(x => x.BudgetWaitSince, since)
                .SetProperty(x => x.BudgetWaitPriority, priority)
                .SetProperty(x => x.BudgetWaitHeartbeat, heartbeat), cancellationToken);
            return since is null ? null : await running.Select(x => x.CurrentOperation).FirstOrDefaultAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only visibility is lost: the request goes on waiting for its token, and then goes.
            step.Logger.LogWarning(ex, "Could not record the Cloudflare API budget wait of {Step} for tenant {TenantId}", message.Name, message.TenantId);
            return null;
        }
    }

    /// <summary>The tenant's saga row while it still runs this step's command.</summary>
    IQueryable<TenantState> Running(ProvisioningDbContext db) =>
        db.Tenants.Where(x => x.CorrelationId == message.CorrelationId && x.CurrentCommandId == message.CommandId);
}
