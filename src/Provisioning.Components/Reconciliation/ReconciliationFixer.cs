using System.Net;

namespace Provisioning.Components.Reconciliation;

/// <summary>
/// The reconciler's repairs, each re-checked against the database just before it acts (a tenant provisioned again
/// since the report was made keeps what is now its own): delete an orphan, or send RestoreBindings for a drifted tenant.
/// </summary>
internal sealed class ReconciliationFixer(IDbContextFactory<ProvisioningDbContext> contexts, ICloudflareClient cloudflare, TimeProvider time, string[] notLive)
{
    public async Task<ReconciliationFinding> DeleteOrphanAsync(ReconciliationFinding finding, List<CloudflareResource> inventory, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = finding.TenantId is { } owner ? [owner] : Reconciler.NamedTenants(finding.Name).ToList();
        var liveNow = await db.Tenants.AsNoTracking()
            .Where(x => candidates.Contains(x.TenantId) && !notLive.Contains(x.CurrentState))
            .Select(x => x.TenantId).FirstOrDefaultAsync(cancellationToken);
        if (liveNow is not null)
        {
            return finding with { Action = $"skipped: tenant '{liveNow}' is live again" };
        }

        try
        {
            if (finding.ResourceType == "script")
            {
                var tenant = await db.Tenants.AsNoTracking().SingleAsync(x => x.TenantId == finding.TenantId, cancellationToken);
                await cloudflare.Scripts.DeleteAsync(tenant.DispatchNamespace!, finding.Name, force: true, cancellationToken);
                return finding with { Action = "deleted" };
            }

            var resource = inventory.First(x => x.ResourceType == finding.ResourceType && x.Name == finding.Name);
            await CloudflareInventory.DeleteAsync(cloudflare, resource, cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            await db.OwnedResources
                .Where(x => x.ResourceType == resource.ResourceType && x.Name == resource.Name && x.State != OwnedResourceState.Deleted)
                .ExecuteUpdateAsync(x => x.SetProperty(r => r.State, OwnedResourceState.Deleted).SetProperty(r => r.DeletedAt, now).SetProperty(r => r.UpdatedAt, now),
                    cancellationToken);
            return finding with { Action = "deleted" };
        }
        catch (CloudflareApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return finding with { Action = "already gone" };
        }
        catch (CloudflareApiException ex)
        {
            return finding with { Action = $"failed: {ex.Message}" };
        }
    }

    public static async Task<ReconciliationFinding> RestoreAsync(ReconciliationFinding finding, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var command = new RestoreBindings { CommandId = NewId.NextGuid(), TenantId = finding.TenantId! };
        await publisher.Publish(command, cancellationToken);
        return finding with { Action = $"restore-sent (RestoreBindings {command.CommandId})" };
    }
}
