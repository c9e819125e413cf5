using Provisioning.Components.Persistence.SagaRepository;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Steps;
using Provisioning.Components.Steps.CreateResource;
using Provisioning.Components.Steps.CreateResources;
using Provisioning.Components.Steps.DeleteResource;
using Provisioning.Components.Steps.DeleteResources;
using Provisioning.Components.Steps.DeleteScript;
using Provisioning.Components.Steps.EnsureDispatchNamespace;
using Provisioning.Components.Steps.UpdateBindings;
using Provisioning.Components.Steps.UploadScript;
using Provisioning.Components.Steps.VerifyBindings;

namespace Provisioning.Components.Timeline;

/// <summary>
/// The only writer of <see cref="TenantEvent"/> rows. Saga activities write through the delivery's
/// <see cref="UnitOfWork{TDbContext}"/>, so an event is saved with the transition it describes or not at all; the
/// command intake passes its own context. Each tenant keeps its newest <see cref="ProvisioningOptions.TimelineEventsPerTenant"/>.
/// </summary>
public sealed class TimelineWriter(UnitOfWork<ProvisioningDbContext> unitOfWork, IOptions<ProvisioningOptions> options, TimeProvider time)
{
    public const int MaxTextLength = 1000;

    public static void CommandQueued(ProvisioningDbContext db, TenantCommand command, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(command);
        db.TenantEvents.Add(new TenantEvent
        {
            TenantId = command.TenantId, At = at, Kind = TenantEventKinds.CommandQueued, CommandId = command.CommandId, CommandType = command.CommandType,
        });
    }

    public void CommandStarted(TenantCommand command, IEnumerable<TenantStep> steps) =>
        Add(command.TenantId, command.CommandId, TenantEventKinds.CommandStarted, x =>
        {
            x.CommandType = command.CommandType;
            x.Message = string.Join(" -> ", steps.Select(s => s.Name));
        });

    public void CommandEnded(TenantCommand command, TenantCommandStatus status, ICommandOutcome outcome) =>
        Add(command.TenantId, command.CommandId, TenantEventKinds.CommandEnded, x =>
        {
            x.CommandType = command.CommandType;
            x.Status = status.ToString();
            x.OutcomeType = outcome.GetType().Name;
            (x.ErrorCode, x.Message) = outcome switch
            {
                ICommandFailed failed => (failed.ErrorCode, failed.ErrorMessage),
                CommandRejected rejected => (null, rejected.Reason),
                _ => (null, null),
            };
        });

    public void StepSent(TenantState saga, TenantStep step, int index, bool undo) =>
        AddStep(saga, TenantEventKinds.StepSent, step.Name, index, undo, Describe(step));

    public async Task StepCompletedAsync(TenantState saga, TenantStepCompleted completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var step = StepOf(saga, completed.StepIndex, completed.Compensating);
        var resource = step switch
        {
            CreateResource create => await WithIdsAsync([create.Resource], null, cancellationToken),
            CreateResources creates => await WithIdsAsync(creates.Resources, creates.DispatchNamespace, cancellationToken),
            _ => Describe(step),
        };
        AddStep(saga, TenantEventKinds.StepCompleted, completed.Step, completed.StepIndex, completed.Compensating, resource);
    }

    /// <summary>Each created resource with the id Cloudflare gave it: one query for all of them.</summary>
    async Task<string> WithIdsAsync(IReadOnlyList<ResourceToCreate> resources, string? dispatchNamespace, CancellationToken cancellationToken)
    {
        var names = resources.Select(x => x.ResourceName).ToList();
        var ids = (await unitOfWork.Current.OwnedResources.AsNoTracking()
                .Where(x => names.Contains(x.Name) && x.CloudflareId != null)
                .Select(x => new { x.ResourceType, x.Name, x.CloudflareId }).ToListAsync(cancellationToken))
            .DistinctBy(x => (x.ResourceType, x.Name)).ToDictionary(x => (x.ResourceType, x.Name), x => x.CloudflareId);
        var described = resources.Select(x => ids.TryGetValue((x.ResourceType, x.ResourceName), out var id) ? $"{x.Description} (id {id})" : x.Description);
        return Describe(described, dispatchNamespace);
    }

    static string Describe(IEnumerable<string> resources, string? dispatchNamespace) =>
        string.Join(", ", (dispatchNamespace is null ? [] : new[] { $"dispatch namespace {dispatchNamespace}" }).Concat(resources));

    public void StepFailed(TenantState saga, TenantStepFailed failed) =>
        AddStep(saga, TenantEventKinds.StepFailed, failed.Step, failed.StepIndex, failed.Compensating,
            Describe(StepOf(saga, failed.StepIndex, failed.Compensating)), failed.ErrorCode, failed.ErrorMessage);

    public void CompensationBegan(TenantState saga, IReadOnlyList<TenantStep> undo) =>
        Add(saga.TenantId, saga.CurrentCommandId, TenantEventKinds.CompensationBegan, x =>
        {
            x.CommandType = saga.CurrentOperation;
            x.Message = undo.Count == 0 ? "nothing to undo" : string.Join(" -> ", undo.Select(s => s.Name));
        });

    public void CompensationEnded(TenantState saga) =>
        Add(saga.TenantId, saga.CurrentCommandId, TenantEventKinds.CompensationEnded, x => x.CommandType = saga.CurrentOperation);

    public void CompensationFailed(TenantState saga, TenantStepFailed failed) =>
        AddStep(saga, TenantEventKinds.CompensationFailed, failed.Step, failed.StepIndex, undo: true, resource: null, failed.ErrorCode,
            "Waiting for RetryCompensation: " + failed.ErrorMessage);

    public void CompensationRetried(TenantState saga) =>
        AddStep(saga, TenantEventKinds.CompensationRetried, null, saga.CompensationIndex, undo: true, resource: null);

    /// <summary>Deletes the tenant's events beyond the newest TimelineEventsPerTenant: one indexed query per started command.</summary>
    public async Task PruneAsync(string tenantId, CancellationToken cancellationToken)
    {
        var events = unitOfWork.Current.TenantEvents;
        var oldestKept = await events.Where(x => x.TenantId == tenantId).OrderByDescending(x => x.Id)
            .Skip(options.Value.TimelineEventsPerTenant - 1).Select(x => (long?)x.Id).FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is { } id)
        {
            await events.Where(x => x.TenantId == tenantId && x.Id < id).ExecuteDeleteAsync(cancellationToken);
        }
    }

    void AddStep(TenantState saga, string kind, string? step, int index, bool undo, string? resource, int? errorCode = null, string? message = null) =>
        Add(saga.TenantId, saga.CurrentCommandId, kind, x =>
        {
            (x.CommandType, x.Step, x.StepIndex, x.Undo, x.Resource, x.ErrorCode, x.Message) =
                (saga.CurrentOperation, step, index, undo, resource, errorCode, message);
        });

    void Add(string tenantId, Guid? commandId, string kind, Action<TenantEvent> fill)
    {
        var entry = new TenantEvent { TenantId = tenantId, CommandId = commandId, Kind = kind, At = time.GetUtcNow().UtcDateTime };
        fill(entry);
        entry.Message = Truncate(entry.Message);
        entry.Resource = Truncate(entry.Resource);
        unitOfWork.Current.TenantEvents.Add(entry);
    }

    static TenantStep? StepOf(TenantState saga, int index, bool undo)
    {
        var plan = StepPlan.Read(undo ? saga.CompensationPlanJson : saga.StepPlanJson);
        return index >= 0 && index < plan.Count ? plan[index] : null;
    }

    // Names only: a step record can carry a script body or secret values, which never reach the timeline.
    static string? Describe(TenantStep? step) => step switch
    {
        CreateResource x => x.Resource.Description,
        CreateResources x => Describe(x.Resources.Select(r => r.Description), x.DispatchNamespace),
        DeleteResource x => $"{x.ResourceType} {x.ResourceName}",
        DeleteResources x => Describe(x.Resources.Select(r => $"{r.ResourceType} {r.ResourceName}"), null),
        UploadScript x => $"script {x.DispatchNamespace}/{x.ScriptName}",
        DeleteScript x => $"script {x.DispatchNamespace}/{x.ScriptName}",
        UpdateBindings x => $"script {x.DispatchNamespace}/{x.ScriptName}",
        VerifyBindings x => $"script {x.DispatchNamespace}/{x.ScriptName}",
        EnsureDispatchNamespace x => $"dispatch namespace {x.Namespace}",
        _ => null,
    };

    static string? Truncate(string? text) => text is { Length: > MaxTextLength } ? text[..MaxTextLength] : text;
}
