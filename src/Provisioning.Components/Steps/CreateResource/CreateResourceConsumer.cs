namespace Provisioning.Components.Steps.CreateResource;

/// <summary>
/// Ledger first: the row is saved in state Creating before the create call, so a crash between the call and its answer
/// leaves a row whose name the retry adopts. A resource that existed unknown to the ledger is marked Adopted and is
/// never deleted by compensation; one the ledger gives to another tenant fails the step.
/// </summary>
public sealed class CreateResourceConsumer(StepContext step, ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts, TimeProvider time)
    : TenantStepConsumer<CreateResource>(step)
{
    protected override async Task<string?> ExecuteAsync(CreateResource message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.OwnedResources.SingleOrDefaultAsync(x => x.ResourceType == message.ResourceType && x.Name == message.ResourceName, cancellationToken);
        if (row is not null && row.TenantId != message.TenantId && row.State != OwnedResourceState.Deleted)
        {
            throw new StepFailedException($"{message.ResourceType} '{message.ResourceName}' belongs to tenant '{row.TenantId}'.");
        }

        var knownToLedger = row is not null && row.State != OwnedResourceState.Deleted;
        if (row is null)
        {
            row = new OwnedResource { Id = Guid.NewGuid(), CreatedAt = now };
            db.OwnedResources.Add(row);
        }

        if (!knownToLedger)
        {
            row.TenantId = message.TenantId;
            row.ResourceType = message.ResourceType;
            row.Name = message.ResourceName;
            row.BindingName = message.BindingName;
            row.LocationHint = message.LocationHint;
            row.Jurisdiction = message.Jurisdiction;
            row.CreatedByCommandId = message.CommandId;
            row.State = OwnedResourceState.Creating;
            row.Adopted = false;
            row.DeletedAt = null;
        }

        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);

        var (id, adopted) = await CreateOrAdoptAsync(message, cancellationToken);
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

        Logger.LogInformation("{ResourceType} {ResourceName} ({CloudflareId}) {Action} for tenant {TenantId}",
            message.ResourceType, message.ResourceName, id, adopted ? "adopted" : "created", message.TenantId);
        return null;
    }

    async Task<(string Id, bool Adopted)> CreateOrAdoptAsync(CreateResource message, CancellationToken cancellationToken)
    {
        switch (message.ResourceType)
        {
            case BindingTypes.KvNamespace:
                var kv = await cloudflare.KvNamespaces.CreateOrAdoptAsync(message.ResourceName, cancellationToken);
                return (kv.Resource.Id, kv.Adopted);
            case BindingTypes.D1:
                var d1 = await cloudflare.D1Databases.CreateOrAdoptAsync(message.ResourceName,
                    new D1DatabaseCreateOptions { PrimaryLocationHint = message.LocationHint, Jurisdiction = message.Jurisdiction }, cancellationToken);
                return (d1.Resource.Uuid, d1.Adopted);
            case BindingTypes.R2Bucket:
                var r2 = await cloudflare.R2Buckets.CreateOrAdoptAsync(message.ResourceName,
                    new R2BucketCreateOptions { LocationHint = message.LocationHint, Jurisdiction = message.Jurisdiction }, cancellationToken);
                return (r2.Resource.Name, r2.Adopted);
            default:
                throw new StepFailedException($"Unknown resource type '{message.ResourceType}'.");
        }
    }
}
