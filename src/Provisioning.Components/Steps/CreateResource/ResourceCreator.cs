namespace Provisioning.Components.Steps.CreateResource;

/// <summary>
/// Ledger first: the row is saved in state Creating before the create call, so a crash between the call and its answer
/// leaves a row whose name the retry adopts. A resource that existed unknown to the ledger is marked Adopted and is
/// never deleted by compensation; one the ledger gives to another tenant fails the step. A resource this command
/// already created (a step run again after a partial failure) is not asked for again.
/// </summary>
public sealed class ResourceCreator(ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts, TimeProvider time,
    ILogger<ResourceCreator> logger)
{
    public async Task CreateAsync(string tenantId, Guid commandId, ResourceToCreate resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.OwnedResources.SingleOrDefaultAsync(x => x.ResourceType == resource.ResourceType && x.Name == resource.ResourceName, cancellationToken);
        if (row is not null && row.TenantId != tenantId && row.State != OwnedResourceState.Deleted)
        {
            throw new StepFailedException($"{resource.ResourceType} '{resource.ResourceName}' belongs to tenant '{row.TenantId}'.");
        }

        if (row is { State: OwnedResourceState.Created, CloudflareId: not null } && row.CreatedByCommandId == commandId)
        {
            return;
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
        await db.SaveChangesAsync(cancellationToken);

        var (id, adopted) = await CreateOrAdoptAsync(resource, cancellationToken);
        row.CloudflareId = id;
        row.State = OwnedResourceState.Created;
        // Adopted only when neither the ledger nor this command's earlier attempt knew it: then it is not ours to delete.
        if (!knownToLedger)
        {
            // Existed under our deterministic name, unknown to the ledger: bound, but never ours to delete.
            row.Adopted = adopted;
        }

        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);

        logger.LogInformation("{ResourceType} {ResourceName} ({CloudflareId}) {Action} for tenant {TenantId}",
            resource.ResourceType, resource.ResourceName, id, adopted ? "adopted" : "created", tenantId);
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
