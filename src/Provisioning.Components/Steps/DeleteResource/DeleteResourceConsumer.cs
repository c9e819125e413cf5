using System.Net;

namespace Provisioning.Components.Steps.DeleteResource;

/// <summary>404 counts as deleted: a redelivered delete, or a create that never happened, must not fail the undo.</summary>
public sealed class DeleteResourceConsumer(StepContext step, ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts, TimeProvider time)
    : TenantStepConsumer<DeleteResource>(step)
{
    protected override async Task<string?> ExecuteAsync(DeleteResource message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.OwnedResources.SingleOrDefaultAsync(x => x.ResourceType == message.ResourceType && x.Name == message.ResourceName, cancellationToken);
        if (row is null || row.State == OwnedResourceState.Deleted || row.TenantId != message.TenantId || row.Adopted
            || (message.OnlyIfCreatedByThisCommand && row.CreatedByCommandId != message.CommandId))
        {
            // Nothing of ours to delete: never created, already deleted, adopted, or (undo) created by another command.
            return null;
        }

        row.State = OwnedResourceState.Deleting;
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);

        // A create that crashed before its answer left no id: find the resource by its deterministic name.
        var id = row.CloudflareId ?? await FindIdAsync(row, cancellationToken);
        if (id is not null)
        {
            try
            {
                await DeleteAsync(row, id, cancellationToken);
                // Undoing a failed operation is worth a Warning; a requested delete (detach, deprovision) is routine.
                Logger.Log(message.Compensating ? LogLevel.Warning : LogLevel.Information,
                    "Deleted {ResourceType} {ResourceName} ({CloudflareId}) of tenant {TenantId}{Reason}",
                    row.ResourceType, row.Name, id, row.TenantId, message.Compensating ? " to compensate a failed operation" : "");
            }
            catch (CloudflareApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                Logger.LogInformation("{ResourceType} {ResourceName} ({CloudflareId}) of tenant {TenantId} was already gone",
                    row.ResourceType, row.Name, id, row.TenantId);
                row.CloudflareId = null;   // nothing was deleted: the outcome reports it as already gone, not deleted
            }
        }

        row.State = OwnedResourceState.Deleted;
        row.DeletedAt = row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    Task DeleteAsync(OwnedResource row, string id, CancellationToken cancellationToken) => row.ResourceType switch
    {
        BindingTypes.KvNamespace => cloudflare.KvNamespaces.DeleteAsync(id, cancellationToken),
        BindingTypes.D1 => cloudflare.D1Databases.DeleteAsync(id, cancellationToken),
        BindingTypes.R2Bucket => cloudflare.R2Buckets.DeleteAsync(id, row.Jurisdiction, cancellationToken),
        _ => throw new StepFailedException($"Unknown resource type '{row.ResourceType}'."),
    };

    async Task<string?> FindIdAsync(OwnedResource row, CancellationToken cancellationToken) => row.ResourceType switch
    {
        BindingTypes.KvNamespace => (await cloudflare.KvNamespaces.FindByTitleAsync(row.Name, cancellationToken))?.Id,
        BindingTypes.D1 => (await cloudflare.D1Databases.FindByNameAsync(row.Name, cancellationToken))?.Uuid,
        _ => row.Name,
    };
}
