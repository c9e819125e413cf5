namespace Provisioning.Components.Steps.CreateResource;

/// <summary>
/// Ledger first: the rows are saved in state Creating before the create calls, so a crash between a call and its answer
/// leaves a row whose name the retry adopts. A resource that existed unknown to the ledger is marked Adopted and is
/// never deleted by compensation; one the ledger gives to another tenant fails the step before any call. The calls run
/// side by side; the ledger is read once and written twice for all of them, and what this command already created (a
/// step run again after a partial failure) is not asked for again.
/// </summary>
public sealed class ResourceCreator(ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts, TimeProvider time,
    ILogger<ResourceCreator> logger)
{
    /// <summary>
    /// Creates or adopts every resource, and runs <paramref name="alongside"/> (if any) at the same time. Waits for all of
    /// them; then records what succeeded and throws the worst failure (<see cref="SideBySide"/>).
    /// </summary>
    public async Task CreateAsync(string tenantId, Guid commandId, IReadOnlyList<ResourceToCreate> resources, Func<Task>? alongside,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await ClaimAsync(db, tenantId, commandId, resources, cancellationToken);

        var creates = rows.Select(x => x.Pending ? CreateOrAdoptAsync(x.Resource, cancellationToken) : null).ToList();
        var work = creates.OfType<Task>().Append(alongside is null ? Task.CompletedTask : alongside()).ToList();
        await SideBySide.SettleAsync(work, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < rows.Count; i++)
        {
            if (creates[i] is { IsCompletedSuccessfully: true } created)
            {
                var (row, knownToLedger) = (rows[i].Row, rows[i].KnownToLedger);
                var (id, adopted) = created.Result;
                row.CloudflareId = id;
                row.State = OwnedResourceState.Created;
                // Adopted only when neither the ledger nor this command's earlier attempt knew it: then it is not ours to delete.
                if (!knownToLedger)
                {
                    row.Adopted = adopted;
                }

                row.UpdatedAt = now;
                logger.LogInformation("{ResourceType} {ResourceName} ({CloudflareId}) {Action} for tenant {TenantId}",
                    row.ResourceType, row.Name, id, adopted ? "adopted" : "created", tenantId);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        SideBySide.ThrowWorstFailure(work, cancellationToken);
    }

    /// <summary>One read and one write of the ledger: every row this call will create is saved as Creating first.</summary>
    async Task<List<(ResourceToCreate Resource, OwnedResource Row, bool KnownToLedger, bool Pending)>> ClaimAsync(
        ProvisioningDbContext db, string tenantId, Guid commandId, IReadOnlyList<ResourceToCreate> resources, CancellationToken cancellationToken)
    {
        var names = resources.Select(x => x.ResourceName).ToList();
        var existing = await db.OwnedResources.Where(x => names.Contains(x.Name)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = new List<(ResourceToCreate, OwnedResource, bool, bool)>();
        foreach (var resource in resources)
        {
            var row = existing.SingleOrDefault(x => x.ResourceType == resource.ResourceType && x.Name == resource.ResourceName);
            if (row is not null && row.TenantId != tenantId && row.State != OwnedResourceState.Deleted)
            {
                throw new StepFailedException($"{resource.ResourceType} '{resource.ResourceName}' belongs to tenant '{row.TenantId}'.");
            }

            if (row is { State: OwnedResourceState.Created, CloudflareId: not null } && row.CreatedByCommandId == commandId)
            {
                rows.Add((resource, row, true, false));
                continue;
            }

            var knownToLedger = row is not null && row.State != OwnedResourceState.Deleted;
            if (row is null)
            {
                row = new OwnedResource { Id = Guid.NewGuid(), CreatedAt = now };
                db.OwnedResources.Add(row);
            }

            if (!knownToLedger)
            {
                row.TenantId = tenantId;
                row.ResourceType = resource.ResourceType;
                row.Name = resource.ResourceName;
                row.BindingName = resource.BindingName;
                row.LocationHint = resource.LocationHint;
                row.Jurisdiction = resource.Jurisdiction;
                row.CreatedByCommandId = commandId;
                row.State = OwnedResourceState.Creating;
                row.Adopted = false;
                row.DeletedAt = null;
            }

            row.UpdatedAt = now;
            rows.Add((resource, row, knownToLedger, true));
        }

        await db.SaveChangesAsync(cancellationToken);
        return rows;
    }

    async Task<(string Id, bool Adopted)> CreateOrAdoptAsync(ResourceToCreate resource, CancellationToken cancellationToken)
    {
        switch (resource.ResourceType)
        {
            case BindingTypes.KvNamespace:
                var kv = await cloudflare.KvNamespaces.CreateOrAdoptAsync(resource.ResourceName, cancellationToken);
                return (kv.Resource.Id, kv.Adopted);
            case BindingTypes.D1:
                var d1 = await cloudflare.D1Databases.CreateOrAdoptAsync(resource.ResourceName,
                    new D1DatabaseCreateOptions { PrimaryLocationHint = resource.LocationHint, Jurisdiction = resource.Jurisdiction }, cancellationToken);
                return (d1.Resource.Uuid, d1.Adopted);
            case BindingTypes.R2Bucket:
                var r2 = await cloudflare.R2Buckets.CreateOrAdoptAsync(resource.ResourceName,
                    new R2BucketCreateOptions { LocationHint = resource.LocationHint, Jurisdiction = resource.Jurisdiction }, cancellationToken);
                return (r2.Resource.Name, r2.Adopted);
            default:
                throw new StepFailedException($"Unknown resource type '{resource.ResourceType}'.");
        }
    }
}
