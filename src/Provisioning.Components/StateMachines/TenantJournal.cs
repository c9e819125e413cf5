using System.Runtime.CompilerServices;
using Provisioning.Components.Persistence.SagaRepository;
using Provisioning.Components.Steps.CreateResource;
using Provisioning.Components.Timeline;

namespace Provisioning.Components.StateMachines;

/// <summary>
/// The saga's reads and writes besides its own instance: the tenant's waiting commands, its ledger as an operation sees
/// it, script bundles, and stored outcomes. Everything goes through the delivery's <see cref="UnitOfWork{TDbContext}"/>,
/// so it is committed with the saga instance or not at all.
/// </summary>
public sealed class TenantJournal(UnitOfWork<ProvisioningDbContext> unitOfWork, TimelineWriter timeline, TimeProvider time)
{
    ProvisioningDbContext Db => unitOfWork.Current;

    DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Commands read per query by <see cref="WaitingCommandsAsync"/>: a tenant with thousands waiting is never read at once.</summary>
    internal const int WaitingPageSize = 200;

    /// <summary>
    /// The tenant's queued and parked commands, in the order their senders sent them, without their payloads, a page
    /// at a time; the caller loads the one it starts (or rejects, or parks) with <see cref="CommandAsync"/>.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="stillParked">Command types that stay parked: their parked commands are left out.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public async IAsyncEnumerable<WaitingCommand> WaitingCommandsAsync(
        string tenantId, IReadOnlyCollection<string> stillParked, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var skip = 0; ; skip += WaitingPageSize)
        {
            // Statuses changed by the caller are saved with the saga, after this walk: the set stays the same across pages.
            var page = await Db.Commands.AsNoTracking()
                .Where(x => x.TenantId == tenantId
                    && (x.Status == TenantCommandStatus.Queued || (x.Status == TenantCommandStatus.Parked && !stillParked.Contains(x.CommandType))))
                .OrderBy(x => x.SentTime).ThenBy(x => x.Sequence)
                .Skip(skip).Take(WaitingPageSize)
                .Select(x => new WaitingCommand(x.CommandId, x.CommandType, x.Status))
                .ToListAsync(cancellationToken);
            foreach (var command in page)
            {
                yield return command;
            }

            if (page.Count < WaitingPageSize)
            {
                yield break;
            }
        }
    }

    public Task<TenantCommand> CommandAsync(Guid commandId, CancellationToken cancellationToken) =>
        Db.Commands.SingleAsync(x => x.CommandId == commandId, cancellationToken);

    public async Task<TenantView> ViewAsync(TenantState saga, TenantLifecycle lifecycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(saga);
        return new TenantView
        {
            TenantId = saga.TenantId,
            Lifecycle = lifecycle,
            DispatchNamespace = saga.DispatchNamespace,
            ScriptName = saga.ScriptName,
            Bindings = await Db.Bindings.AsNoTracking().Where(x => x.TenantId == saga.TenantId).ToListAsync(cancellationToken),
            Resources = await Db.OwnedResources.AsNoTracking().Where(x => x.TenantId == saga.TenantId).ToListAsync(cancellationToken),
        };
    }

    /// <summary>Why the plan may not run when a resource it would create is another tenant's in the ledger, else null.</summary>
    public async Task<string?> OwnershipConflictAsync(string tenantId, IEnumerable<ResourceToCreate> creates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(creates);
        var wanted = creates.ToList();
        if (wanted.Count == 0)
        {
            return null;
        }

        // One query for all of them: a name is another tenant's when a live row of the same type says so.
        var names = wanted.Select(x => x.ResourceName).ToList();
        var taken = await Db.OwnedResources.AsNoTracking()
            .Where(x => names.Contains(x.Name) && x.TenantId != tenantId && x.State != OwnedResourceState.Deleted)
            .ToListAsync(cancellationToken);
        return wanted.Select(create => (create, row: taken.FirstOrDefault(x => x.ResourceType == create.ResourceType && x.Name == create.ResourceName)))
            .Where(x => x.row is not null)
            .Select(x => $"{x.row!.ResourceType} '{x.row.Name}' (for binding '{x.create.BindingName}') belongs to tenant '{x.row.TenantId}'; a tenant's script only binds its own resources.")
            .FirstOrDefault();
    }

    public async Task StoreBundlesAsync(IEnumerable<ScriptBundle> bundles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundles);
        foreach (var bundle in bundles)
        {
            if (Db.ScriptBundles.Local.All(x => x.Hash != bundle.Hash) && !await Db.ScriptBundles.AnyAsync(x => x.Hash == bundle.Hash, cancellationToken))
            {
                bundle.CreatedAt = Now;
                Db.ScriptBundles.Add(bundle);
            }
        }
    }

    /// <summary>Resources the command created and the undo deleted again, newest first.</summary>
    public async Task<List<ResourceInfo>> CompensatedAsync(Guid commandId, CancellationToken cancellationToken) =>
        (await Db.OwnedResources.AsNoTracking()
            .Where(x => x.CreatedByCommandId == commandId && x.State == OwnedResourceState.Deleted && x.CloudflareId != null)
            .ToListAsync(cancellationToken))
        .OrderByDescending(x => x.CreatedAt).Select(x => x.ToInfo()).ToList();

    public void MarkRunning(TenantCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Status = TenantCommandStatus.Running;
        command.StartedAt = Now;
    }

    public void End(TenantCommand command, TenantCommandStatus status, ICommandOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.End(status, outcome, Now);
        timeline.CommandEnded(command, status, outcome);
    }
}

/// <summary>A waiting command as the saga walks them: enough to admit it, not its payload.</summary>
public sealed record WaitingCommand(Guid CommandId, string CommandType, TenantCommandStatus Status);
