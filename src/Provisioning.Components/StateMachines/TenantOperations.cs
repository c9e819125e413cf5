using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioning.Components.Persistence;
using Provisioning.Components.Steps;
using Provisioning.Contracts;

namespace Provisioning.Components.StateMachines;

/// <summary>
/// The work behind the tenant saga's transitions: choosing the next command, planning its steps from the command and
/// the ledger, sending steps, undo plans and outcome events. It reads and writes the delivery's own DbContext (a
/// payload of the saga context), so command rows and the saga instance are saved together by the repository.
/// </summary>
public sealed class TenantOperations(IOptions<ProvisioningOptions> options, TimeProvider time, ProvisioningMetrics metrics, ILogger<TenantOperations> logger)
{
    static readonly JsonSerializerOptions Json = SystemTextJsonMessageSerializer.Options;

    DateTime Now => time.GetUtcNow().UtcDateTime;

    public static bool IsCurrent(TenantState saga, Guid commandId, int stepIndex, bool compensating) =>
        saga.CurrentCommandId == commandId
        && compensating == (saga.CurrentState == nameof(TenantStateMachine.Compensating))
        && stepIndex == (compensating ? saga.CompensationIndex : saga.StepIndex);

    public static bool PlanFinished(TenantState saga) => saga.StepIndex >= PlannedStep.Read(saga.StepPlanJson).Count;

    public static bool UndoFinished(TenantState saga) => saga.CompensationIndex >= PlannedStep.Read(saga.CompensationPlanJson).Count;

    /// <summary>Starts the first waiting command that can run; parks or rejects the ones before it that cannot.</summary>
    public async Task StartNextAsync(BehaviorContext<TenantState> context)
    {
        var saga = context.Saga;
        var db = Db(context);
        var waiting = (await db.Commands
                .Where(x => x.TenantId == saga.TenantId && (x.Status == TenantCommandStatus.Queued || x.Status == TenantCommandStatus.Parked))
                .ToListAsync(context.CancellationToken))
            .OrderBy(x => x.SentTime).ThenBy(x => x.Sequence);

        foreach (var command in waiting)
        {
            var exists = saga.CurrentState == nameof(TenantStateMachine.Active);
            var isProvision = command.CommandType == nameof(ProvisionTenant);
            if (isProvision && exists)
            {
                await RejectAsync(context, command, $"Tenant '{saga.TenantId}' already exists; change it with AttachBinding, DetachBinding or DeployScript.");
            }
            else if (!isProvision && !exists && saga.CurrentState == nameof(TenantStateMachine.Deprovisioned))
            {
                await RejectAsync(context, command, $"Tenant '{saga.TenantId}' was deprovisioned; send ProvisionTenant first.");
            }
            else if (!isProvision && !exists)
            {
                if (command.Status != TenantCommandStatus.Parked)
                {
                    command.Status = TenantCommandStatus.Parked;
                    logger.LogInformation("Parked {CommandType} {CommandId} for tenant {TenantId}: the tenant does not exist yet",
                        command.CommandType, command.CommandId, saga.TenantId);
                }
            }
            else if (await PlanAsync(context, command) is { } plan)
            {
                await BeginAsync(context, command, plan);
                return;
            }
        }
    }

    public async Task AdvanceAsync(BehaviorContext<TenantState> context, string? etag)
    {
        var saga = context.Saga;
        var plan = PlannedStep.Read(saga.StepPlanJson);
        plan[saga.StepIndex].Completed = true;
        plan[saga.StepIndex].Etag = etag;
        saga.StepIndex++;
        saga.StepPlanJson = PlannedStep.Write(plan);
        saga.UpdatedAt = Now;
        if (saga.StepIndex < plan.Count)
        {
            await SendStepAsync(context, plan[saga.StepIndex], saga.StepIndex, compensating: false);
        }
    }

    /// <summary>Records the failure and computes the undo plan: what THIS command created, newest first (never adopted resources).</summary>
    public async Task BeginCompensationAsync(BehaviorContext<TenantState> context, TenantStepFailed failed)
    {
        var saga = context.Saga;
        var db = Db(context);
        saga.FailedStep = failed.Step;
        saga.FailureCode = failed.ErrorCode;
        saga.FailureReason = $"{failed.Step} failed: {failed.ErrorMessage}";
        saga.UpdatedAt = Now;
        logger.LogWarning("{Operation} {CommandId} of tenant {TenantId} failed at {Step}: {ErrorCode} {ErrorMessage}",
            saga.CurrentOperation, saga.CurrentCommandId, saga.TenantId, failed.Step, failed.ErrorCode, failed.ErrorMessage);

        var plan = PlannedStep.Read(saga.StepPlanJson);
        var commandId = saga.CurrentCommandId!.Value;
        var undo = new List<PlannedStep>();
        if (saga.CurrentOperation == nameof(ProvisionTenant) && plan.Any(x => x.Step == StepNames.UploadScript && x.Completed))
        {
            undo.Add(new PlannedStep { Step = StepNames.DeleteScript });
        }

        if (saga.CurrentOperation == nameof(AttachBinding) && plan.Any(x => x.Step == StepNames.UpdateBindings && x.Completed))
        {
            // The new binding is live: drop it from the desired set and PATCH the set back before deleting its resource.
            db.Bindings.RemoveRange(await db.Bindings.Where(x => x.TenantId == saga.TenantId && x.CreatedByCommandId == commandId).ToListAsync(context.CancellationToken));
            undo.Add(new PlannedStep { Step = StepNames.UpdateBindings });
        }

        if (saga.CurrentOperation is nameof(ProvisionTenant) or nameof(AttachBinding))
        {
            var created = await db.OwnedResources.AsNoTracking()
                .Where(x => x.TenantId == saga.TenantId && x.CreatedByCommandId == commandId && !x.Adopted && x.State != OwnedResourceState.Deleted)
                .ToListAsync(context.CancellationToken);
            undo.AddRange(created.OrderByDescending(x => x.CreatedAt)
                .Select(x => new PlannedStep { Step = StepNames.DeleteResource, ResourceId = x.Id, ResourceType = x.ResourceType, ResourceName = x.Name }));
        }

        saga.CompensationPlanJson = PlannedStep.Write(undo);
        saga.CompensationIndex = 0;
        if (undo.Count > 0)
        {
            await SendStepAsync(context, undo[0], 0, compensating: true);
        }
    }

    public async Task AdvanceCompensationAsync(BehaviorContext<TenantState> context)
    {
        var saga = context.Saga;
        var undo = PlannedStep.Read(saga.CompensationPlanJson);
        undo[saga.CompensationIndex].Completed = true;
        saga.CompensationIndex++;
        saga.CompensationPlanJson = PlannedStep.Write(undo);
        saga.UpdatedAt = Now;
        if (saga.CompensationIndex < undo.Count)
        {
            await SendStepAsync(context, undo[saga.CompensationIndex], saga.CompensationIndex, compensating: true);
        }
    }

    /// <summary>An operator asked to run the rest of a failed undo plan again.</summary>
    public async Task RetryCompensationAsync(BehaviorContext<TenantState> context)
    {
        var saga = context.Saga;
        var undo = PlannedStep.Read(saga.CompensationPlanJson);
        saga.CompensationFailed = false;
        saga.UpdatedAt = Now;
        logger.LogInformation("Retrying compensation of {Operation} {CommandId} for tenant {TenantId} from undo step {UndoStep} of {UndoSteps}",
            saga.CurrentOperation, saga.CurrentCommandId, saga.TenantId, saga.CompensationIndex + 1, undo.Count);
        await SendStepAsync(context, undo[saga.CompensationIndex], saga.CompensationIndex, compensating: true);
    }

    /// <summary>Sends the current step again when the operation has been silent for longer than StalledOperationTimeout.</summary>
    public async Task ResumeAsync(BehaviorContext<TenantState> context)
    {
        var saga = context.Saga;
        if (saga.CurrentCommandId is null || Now - saga.UpdatedAt < options.Value.StalledOperationTimeout)
        {
            return;
        }

        var compensating = saga.CurrentState == nameof(TenantStateMachine.Compensating);
        var plan = PlannedStep.Read(compensating ? saga.CompensationPlanJson : saga.StepPlanJson);
        var index = compensating ? saga.CompensationIndex : saga.StepIndex;
        if (index >= plan.Count)
        {
            return;
        }

        logger.LogWarning("Re-sending {Step} ({StepIndex}) of {Operation} {CommandId} for tenant {TenantId}: no progress since {UpdatedAt}",
            plan[index].Step, index, saga.CurrentOperation, saga.CurrentCommandId, saga.TenantId, saga.UpdatedAt);
        saga.UpdatedAt = Now;
        await SendStepAsync(context, plan[index], index, compensating);
    }

    public async Task CompleteAsync(BehaviorContext<TenantState> context)
    {
        var saga = context.Saga;
        var db = Db(context);
        var command = await db.Commands.SingleAsync(x => x.CommandId == saga.CurrentCommandId, context.CancellationToken);
        var outcome = await SuccessOutcomeAsync(db, saga, command, context.CancellationToken);
        await EndAsync(context, command, TenantCommandStatus.Succeeded, outcome);
        ClearOperation(saga);
    }

    /// <summary>Publishes the operation's failure event; with <paramref name="compensationFailed"/> the undo plan stays for a retry.</summary>
    public async Task FailAsync(BehaviorContext<TenantState> context, bool compensationFailed, TenantStepFailed? undoFailure = null)
    {
        var saga = context.Saga;
        var db = Db(context);
        saga.CompensationFailed = compensationFailed;
        saga.UpdatedAt = Now;
        if (undoFailure is not null)
        {
            saga.FailureReason += $" Compensation failed at {undoFailure.Step}: {undoFailure.ErrorMessage}";
            logger.LogError("Compensation of {Operation} {CommandId} for tenant {TenantId} failed at {Step}: {ErrorCode} {ErrorMessage}; the tenant waits for RetryCompensation",
                saga.CurrentOperation, saga.CurrentCommandId, saga.TenantId, undoFailure.Step, undoFailure.ErrorCode, undoFailure.ErrorMessage);
        }

        var command = await db.Commands.SingleAsync(x => x.CommandId == saga.CurrentCommandId, context.CancellationToken);
        var compensated = (await db.OwnedResources.AsNoTracking()
                .Where(x => x.CreatedByCommandId == command.CommandId && x.State == OwnedResourceState.Deleted && x.CloudflareId != null)
                .ToListAsync(context.CancellationToken))
            .OrderByDescending(x => x.CreatedAt).Select(ToInfo).ToList();
        await EndAsync(context, command, TenantCommandStatus.Failed, FailureOutcome(saga, command, compensated));
        if (!compensationFailed)
        {
            ClearOperation(saga);
        }
    }

    async Task<List<PlannedStep>?> PlanAsync(BehaviorContext<TenantState> context, TenantCommand command)
    {
        var saga = context.Saga;
        var db = Db(context);
        var ct = context.CancellationToken;
        var bindings = await db.Bindings.AsNoTracking().Where(x => x.TenantId == saga.TenantId).ToListAsync(ct);
        switch (command.CommandType)
        {
            case nameof(ProvisionTenant):
                var provision = Payload<ProvisionTenant>(command);
                var creates = provision.Resources.Select(r => CreateStep(saga.TenantId, r)).ToList();
                if (await OwnedElsewhereAsync(db, saga.TenantId, creates, ct) is { } owner)
                {
                    await RejectAsync(context, command, owner);
                    return null;
                }

                saga.DispatchNamespace = provision.DispatchNamespace ?? options.Value.DefaultDispatchNamespace;
                saga.ScriptName = provision.ScriptName ?? saga.TenantId;
                return [new() { Step = StepNames.EnsureDispatchNamespace }, .. creates, new() { Step = StepNames.UploadScript }, new() { Step = StepNames.VerifyBindings }];

            case nameof(AttachBinding):
                var attach = Payload<AttachBinding>(command);
                var name = attach.Resource?.BindingName ?? attach.Binding?.Name ?? "";
                if (bindings.Any(x => x.Name == name))
                {
                    await RejectAsync(context, command, $"Tenant '{saga.TenantId}' already has a binding named '{name}'; detach it first or choose another name.");
                    return null;
                }

                List<PlannedStep> create = attach.Resource is { } resource ? [CreateStep(saga.TenantId, resource)] : [];
                if (await OwnedElsewhereAsync(db, saga.TenantId, create, ct) is { } otherOwner)
                {
                    await RejectAsync(context, command, otherOwner);
                    return null;
                }

                return [.. create, new() { Step = StepNames.UpdateBindings, ApplyCommand = true }, new() { Step = StepNames.VerifyBindings }];

            case nameof(DetachBinding):
                var detach = Payload<DetachBinding>(command);
                var binding = bindings.SingleOrDefault(x => x.Name == detach.BindingName);
                if (binding is null)
                {
                    await RejectAsync(context, command, $"Tenant '{saga.TenantId}' has no binding named '{detach.BindingName}'.");
                    return null;
                }

                var owned = binding.OwnedResourceId is { } id ? await db.OwnedResources.AsNoTracking().SingleAsync(x => x.Id == id, ct) : null;
                if (detach.DeleteResource && owned is { Adopted: true })
                {
                    await RejectAsync(context, command, $"{owned.ResourceType} '{owned.Name}' existed before the worker adopted it, so the worker does not delete it; detach without DeleteResource.");
                    return null;
                }

                List<PlannedStep> delete = detach.DeleteResource && owned is not null
                    ? [new() { Step = StepNames.DeleteResource, ResourceId = owned.Id, ResourceType = owned.ResourceType, ResourceName = owned.Name }]
                    : [];
                return [new() { Step = StepNames.UpdateBindings, ApplyCommand = true }, new() { Step = StepNames.VerifyBindings }, .. delete];

            case nameof(DeployScript):
                return [new() { Step = StepNames.UploadScript }, new() { Step = StepNames.VerifyBindings }];

            case nameof(DeprovisionTenant):
                var resources = await db.OwnedResources.AsNoTracking()
                    .Where(x => x.TenantId == saga.TenantId && x.State != OwnedResourceState.Deleted && !x.Adopted)
                    .ToListAsync(ct);
                return
                [
                    new() { Step = StepNames.DeleteScript },
                    .. resources.OrderByDescending(x => x.CreatedAt)
                        .Select(x => new PlannedStep { Step = StepNames.DeleteResource, ResourceId = x.Id, ResourceType = x.ResourceType, ResourceName = x.Name }),
                ];

            default:
                await RejectAsync(context, command, $"Unknown command type '{command.CommandType}'.");
                return null;
        }
    }

    async Task BeginAsync(BehaviorContext<TenantState> context, TenantCommand command, List<PlannedStep> plan)
    {
        var saga = context.Saga;
        command.Status = TenantCommandStatus.Running;
        command.StartedAt = Now;
        saga.CurrentCommandId = command.CommandId;
        saga.CurrentOperation = command.CommandType;
        saga.StepPlanJson = PlannedStep.Write(plan);
        saga.StepIndex = 0;
        saga.CompensationPlanJson = null;
        saga.CompensationIndex = 0;
        saga.CompensationFailed = false;
        saga.FailedStep = null;
        saga.FailureCode = null;
        saga.FailureReason = null;
        saga.OperationStartedAt = saga.UpdatedAt = Now;
        logger.LogInformation("Starting {Operation} {CommandId} for tenant {TenantId}: {Steps}",
            command.CommandType, command.CommandId, saga.TenantId, string.Join(" -> ", plan.Select(x => x.Step)));
        await SendStepAsync(context, plan[0], 0, compensating: false);
    }

    static async Task SendStepAsync(BehaviorContext<TenantState> context, PlannedStep step, int index, bool compensating)
    {
        var saga = context.Saga;
        TenantStep message = step.Step switch
        {
            StepNames.EnsureDispatchNamespace => new Steps.EnsureDispatchNamespace.EnsureDispatchNamespace { Namespace = saga.DispatchNamespace! },
            StepNames.CreateResource => new Steps.CreateResource.CreateResource
            {
                ResourceType = step.ResourceType!, Name = step.ResourceName!, BindingName = step.BindingName!,
                LocationHint = step.LocationHint, Jurisdiction = step.Jurisdiction,
            },
            StepNames.UploadScript => new Steps.UploadScript.UploadScript { DispatchNamespace = saga.DispatchNamespace!, ScriptName = saga.ScriptName! },
            StepNames.UpdateBindings => new Steps.UpdateBindings.UpdateBindings
            {
                DispatchNamespace = saga.DispatchNamespace!, ScriptName = saga.ScriptName!, ApplyCommand = step.ApplyCommand,
            },
            StepNames.VerifyBindings => new Steps.VerifyBindings.VerifyBindings { DispatchNamespace = saga.DispatchNamespace!, ScriptName = saga.ScriptName! },
            StepNames.DeleteResource => new Steps.DeleteResource.DeleteResource { ResourceId = step.ResourceId!.Value },
            StepNames.DeleteScript => new Steps.DeleteScript.DeleteScript { DispatchNamespace = saga.DispatchNamespace!, ScriptName = saga.ScriptName! },
            _ => throw new InvalidOperationException($"Unknown step '{step.Step}'."),
        };
        message = message with
        {
            CorrelationId = saga.CorrelationId, TenantId = saga.TenantId, CommandId = saga.CurrentCommandId!.Value,
            StepIndex = index, Compensating = compensating,
        };
        await context.Publish(message, message.GetType(), context.CancellationToken);
    }

    async Task RejectAsync(BehaviorContext<TenantState> context, TenantCommand command, string reason)
    {
        logger.LogWarning("Rejected {CommandType} {CommandId} for tenant {TenantId}: {Reason}", command.CommandType, command.CommandId, command.TenantId, reason);
        await EndAsync(context, command, TenantCommandStatus.Rejected,
            new CommandRejected { CommandId = command.CommandId, TenantId = command.TenantId, CommandType = command.CommandType, Reason = reason });
    }

    /// <summary>Stores the outcome with the command (re-published on a repeated CommandId), scrubs secrets, publishes it.</summary>
    async Task EndAsync(BehaviorContext<TenantState> context, TenantCommand command, TenantCommandStatus status, object outcome)
    {
        var firstEnd = command.EndedAt is null;
        command.Status = status;
        command.OutcomeType = outcome.GetType().Name;
        command.OutcomeJson = JsonSerializer.Serialize(outcome, outcome.GetType(), Json);
        command.EndedAt = Now;
        command.PayloadJson = CommandScrubber.WithoutSecrets(command.PayloadJson);
        if (firstEnd)
        {
            metrics.RecordCommand(command.CommandType, status.ToString());
        }

        logger.LogInformation("{CommandType} {CommandId} for tenant {TenantId} ended {CommandStatus}: {OutcomeType}",
            command.CommandType, command.CommandId, command.TenantId, status, command.OutcomeType);
        await context.Publish(outcome, outcome.GetType(), context.CancellationToken);
    }

    async Task<object> SuccessOutcomeAsync(ProvisioningDbContext db, TenantState saga, TenantCommand command, CancellationToken ct)
    {
        var resources = await db.OwnedResources.AsNoTracking().Where(x => x.TenantId == saga.TenantId).ToListAsync(ct);
        var plan = PlannedStep.Read(saga.StepPlanJson);
        var deleted = resources.Where(x => plan.Any(p => p.Step == StepNames.DeleteResource && p.ResourceId == x.Id)).Select(ToInfo).ToList();
        switch (command.CommandType)
        {
            case nameof(ProvisionTenant):
                var names = await db.Bindings.AsNoTracking().Where(x => x.TenantId == saga.TenantId).Select(x => x.Name).ToListAsync(ct);
                return new TenantProvisioned
                {
                    CommandId = command.CommandId, TenantId = saga.TenantId, DispatchNamespace = saga.DispatchNamespace!, ScriptName = saga.ScriptName!,
                    Resources = resources.Where(x => x.State == OwnedResourceState.Created).Select(ToInfo).ToList(),
                    BindingNames = names.Order(StringComparer.Ordinal).ToList(),
                };
            case nameof(AttachBinding):
                var attach = Payload<AttachBinding>(command);
                var bindingName = attach.Resource?.BindingName ?? attach.Binding!.Name;
                return new BindingAttached
                {
                    CommandId = command.CommandId, TenantId = saga.TenantId, BindingName = bindingName,
                    BindingType = attach.Resource?.Type ?? attach.Binding!.Type,
                    Resource = resources.Where(x => x.BindingName == bindingName && x.State == OwnedResourceState.Created).Select(ToInfo).FirstOrDefault(),
                };
            case nameof(DetachBinding):
                return new BindingDetached
                {
                    CommandId = command.CommandId, TenantId = saga.TenantId, BindingName = Payload<DetachBinding>(command).BindingName,
                    DeletedResource = deleted.FirstOrDefault(),
                };
            case nameof(DeployScript):
                return new ScriptDeployed
                {
                    CommandId = command.CommandId, TenantId = saga.TenantId, ScriptName = saga.ScriptName!,
                    Etag = plan.FirstOrDefault(x => x.Step == StepNames.UploadScript)?.Etag,
                };
            default:
                return new TenantDeprovisioned { CommandId = command.CommandId, TenantId = saga.TenantId, DeletedResources = deleted };
        }
    }

    static object FailureOutcome(TenantState saga, TenantCommand command, List<ResourceInfo> compensated)
    {
        var (id, tenant, step, code, message, failed) = (command.CommandId, saga.TenantId, saga.FailedStep ?? "", saga.FailureCode, saga.FailureReason ?? "", saga.CompensationFailed);
        return command.CommandType switch
        {
            nameof(ProvisionTenant) => new TenantProvisioningFailed
            {
                CommandId = id, TenantId = tenant, FailedStep = step, ErrorCode = code, ErrorMessage = message, Compensated = compensated, CompensationFailed = failed,
            },
            nameof(AttachBinding) => new BindingAttachFailed
            {
                CommandId = id, TenantId = tenant, FailedStep = step, ErrorCode = code, ErrorMessage = message, Compensated = compensated, CompensationFailed = failed,
            },
            nameof(DetachBinding) => new BindingDetachFailed
            {
                CommandId = id, TenantId = tenant, FailedStep = step, ErrorCode = code, ErrorMessage = message, Compensated = compensated, CompensationFailed = failed,
            },
            nameof(DeployScript) => new ScriptDeployFailed
            {
                CommandId = id, TenantId = tenant, FailedStep = step, ErrorCode = code, ErrorMessage = message, Compensated = compensated, CompensationFailed = failed,
            },
            _ => new TenantDeprovisioningFailed
            {
                CommandId = id, TenantId = tenant, FailedStep = step, ErrorCode = code, ErrorMessage = message, Compensated = compensated, CompensationFailed = failed,
            },
        };
    }

    static async Task<string?> OwnedElsewhereAsync(ProvisioningDbContext db, string tenantId, List<PlannedStep> creates, CancellationToken ct)
    {
        foreach (var create in creates)
        {
            var row = await db.OwnedResources.AsNoTracking()
                .SingleOrDefaultAsync(x => x.ResourceType == create.ResourceType && x.Name == create.ResourceName, ct);
            if (row is not null && row.TenantId != tenantId && row.State != OwnedResourceState.Deleted)
            {
                return $"{row.ResourceType} '{row.Name}' (for binding '{create.BindingName}') belongs to tenant '{row.TenantId}'; a tenant's script only binds its own resources.";
            }
        }

        return null;
    }

    static PlannedStep CreateStep(string tenantId, ResourceSpec resource) => new()
    {
        Step = StepNames.CreateResource, ResourceType = resource.Type, ResourceName = ResourceNames.For(tenantId, resource.BindingName),
        BindingName = resource.BindingName, LocationHint = resource.LocationHint, Jurisdiction = resource.Jurisdiction,
    };

    static void ClearOperation(TenantState saga)
    {
        saga.CurrentCommandId = null;
        saga.CurrentOperation = null;
        saga.StepPlanJson = null;
        saga.StepIndex = 0;
    }

    internal static ResourceInfo ToInfo(OwnedResource x) => new()
    {
        Type = x.ResourceType, Name = x.Name, CloudflareId = x.CloudflareId, BindingName = x.BindingName, State = x.State.ToString(), Adopted = x.Adopted,
    };

    static T Payload<T>(TenantCommand command) => JsonSerializer.Deserialize<T>(command.PayloadJson, Json)!;

    static ProvisioningDbContext Db(BehaviorContext<TenantState> context) =>
        context.TryGetPayload<ProvisioningDbContext>(out var db)
            ? db
            : throw new InvalidOperationException("The tenant saga must run on the EF saga repository (its DbContext is a payload of the saga context).");
}
