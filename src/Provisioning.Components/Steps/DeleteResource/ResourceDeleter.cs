using System.Net;

namespace Provisioning.Components.Steps.DeleteResource;

/// <summary>
/// Deletes ledger resources by type and name: the rows are marked Deleting before the calls, the calls run side by side,
/// and every delete that succeeded is recorded even when another failed. The ledger is read once and written twice for
/// all of them. 404 counts as deleted: a redelivered delete, or a create that never happened, must not fail the step.
/// An adopted resource is never deleted; with OnlyIfCreatedByThisCommand neither is one another command created.
/// </summary>
public sealed class ResourceDeleter(ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts, TimeProvider time,
    ILogger<ResourceDeleter> logger)
{
    /// <summary>
    /// Waits for every delete; then records those that succeeded and throws the worst failure (<see cref="SideBySide"/>).
    /// </summary>
    /// <param name="compensating">An undo after a failed operation: worth a Warning; a requested delete is routine.</param>
    public async Task DeleteAsync(string tenantId, Guid commandId, IReadOnlyList<ResourceToDelete> resources, bool compensating,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await ClaimAsync(db, tenantId, commandId, resources, cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        var deletes = rows.Select(row => DeleteOneAsync(row, cancellationToken)).ToList();
        await SideBySide.SettleAsync(deletes, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < rows.Count; i++)
        {
            if (deletes[i] is not { IsCompletedSuccessfully: true } delete)
            {
                continue;
            }

            var (row, id) = (rows[i], delete.Result);
            if (id is not null)
            {
                logger.Log(compensating ? LogLevel.Warning : LogLevel.Information,
                    "Deleted {ResourceType} {ResourceName} ({CloudflareId}) of tenant {TenantId}{Reason}",
                    row.ResourceType, row.Name, id, row.TenantId, compensating ? " to compensate a failed operation" : "");
            }

            // No id: nothing was deleted (never created, or already gone); the outcome reports it as already gone.
            row.CloudflareId = id;
            row.State = OwnedResourceState.Deleted;
            row.DeletedAt = row.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        SideBySide.ThrowWorstFailure(deletes, cancellationToken);
    }

    /// <summary>One read and one write of the ledger: the rows of ours to delete, saved as Deleting.</summary>
    async Task<List<OwnedResource>> ClaimAsync(ProvisioningDbContext db, string tenantId, Guid commandId, IReadOnlyList<ResourceToDelete> resources,
        CancellationToken cancellationToken)
    {
        var names = resources.Select(x => x.ResourceName).ToList();
        var existing = await db.OwnedResources.Where(x => names.Contains(x.Name)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = new List<OwnedResource>();
        foreach (var resource in resources)
        {
            var row = existing.SingleOrDefault(x => x.ResourceType == resource.ResourceType && x.Name == resource.ResourceName);
            if (row is null || row.State == OwnedResourceState.Deleted || row.TenantId != tenantId || row.Adopted
                || (resource.OnlyIfCreatedByThisCommand && row.CreatedByCommandId != commandId))
            {
                // Nothing of ours to delete: never created, already deleted, adopted, or (undo) created by another command.
                continue;
            }

            row.State = OwnedResourceState.Deleting;
            row.UpdatedAt = now;
            rows.Add(row);
        }

        if (rows.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return rows;
    }

    /// <returns>The Cloudflare id deleted, or null when there was nothing to delete.</returns>
    async Task<string?> DeleteOneAsync(OwnedResource row, CancellationToken cancellationToken)
    {
        // A create that crashed before its answer left no id: find the resource by its deterministic name.
        var id = row.CloudflareId ?? await FindIdAsync(row, cancellationToken);
        if (id is null)
        {
            return null;
        }

        try
        {
            await CallDeleteAsync(row, id, cancellationToken);
            return id;
        }
        catch (CloudflareApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            logger.LogInformation("{ResourceType} {ResourceName} ({CloudflareId}) of tenant {TenantId} was already gone",
                row.ResourceType, row.Name, id, row.TenantId);
            return null;
        }
    }

    Task CallDeleteAsync(OwnedResource row, string id, CancellationToken cancellationToken) => row.ResourceType switch
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
