using System.Net;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Steps.VerifyBindings;

namespace Provisioning.Components.Reconciliation;

/// <summary>
/// Compares the ledger and the tenants' state with what Cloudflare holds, and with <c>fix</c> repairs it: deletes
/// orphans (ours by the ledger, or named <c>wfp-{tenant}-…</c> by the worker, and used by no live tenant; never an
/// adopted resource, never anything else in the account) and sends <see cref="RestoreBindings"/> for drifted tenants.
/// Missing resources are reported only: bringing them back is an operator's decision (attach again, or re-provision).
/// Every Cloudflare call is background work for the request budget.
/// </summary>
public sealed class Reconciler(IDbContextFactory<ProvisioningDbContext> contexts, ICloudflareClient cloudflare, TimeProvider time, ILogger<Reconciler> logger)
{
    static readonly string[] NotLive = [nameof(TenantStateMachine.Deprovisioned), nameof(TenantStateMachine.Failed)];

    public async Task<ReconciliationReport> RunAsync(bool fix, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        using var background = CloudflareRequestPriority.Background();
        var started = time.GetUtcNow();
        logger.LogInformation("Reconciliation started ({Mode})", fix ? "fix" : "report only");

        List<TenantRow> tenants;
        List<OwnedResource> ledger;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            tenants = await db.Tenants.AsNoTracking()
                .Select(x => new TenantRow(x.TenantId, x.CurrentState, x.DispatchNamespace, x.ScriptName)).ToListAsync(cancellationToken);
            ledger = await db.OwnedResources.AsNoTracking().ToListAsync(cancellationToken);
        }

        var live = tenants.Where(x => !NotLive.Contains(x.State)).Select(x => x.TenantId).ToHashSet(StringComparer.Ordinal);
        var inventory = await CloudflareInventory.ListAsync(cloudflare, ledger.Select(x => x.Jurisdiction!), cancellationToken);
        var findings = new List<ReconciliationFinding>();

        findings.AddRange(Orphans(inventory, ledger, live));
        findings.AddRange(Missing(inventory, ledger, live));
        findings.AddRange(await ScriptsAsync(tenants, live, cancellationToken));

        if (fix)
        {
            findings = await FixAllAsync(findings, inventory, publisher, cancellationToken);
        }

        foreach (var finding in findings)
        {
            logger.LogWarning("Reconciliation: {FindingKind} {ResourceType} {ResourceName} of tenant {TenantId}: {FindingDetail} ({FindingAction})",
                finding.Kind, finding.ResourceType, finding.Name, finding.TenantId, finding.Detail, finding.Action);
        }

        logger.LogInformation("Reconciliation finished: {TenantCount} tenants, {ResourceCount} Cloudflare resources, {FindingCount} findings",
            tenants.Count, inventory.Count, findings.Count);
        return new ReconciliationReport
        {
            StartedAt = started, FinishedAt = time.GetUtcNow(), Fix = fix, Tenants = tenants.Count, CloudflareResources = inventory.Count, Findings = findings,
        };
    }

    static IEnumerable<ReconciliationFinding> Orphans(List<CloudflareResource> inventory, List<OwnedResource> ledger, HashSet<string> live)
    {
        var rows = ledger.ToLookup(x => (x.ResourceType, x.Name));
        foreach (var resource in inventory)
        {
            var owned = rows[(resource.ResourceType, resource.Name)].ToList();
            var current = owned.Where(x => x.State != OwnedResourceState.Deleted).ToList();
            if (owned.Any(x => x.Adopted) || current.Any(x => live.Contains(x.TenantId)))
            {
                continue;
            }

            if (current.FirstOrDefault() is { } row)
            {
                yield return Finding(ReconciliationKinds.Orphan, row.TenantId, resource,
                    $"the ledger gives it to tenant '{row.TenantId}', which is no longer live");
            }
            else if (owned.FirstOrDefault() is { } deleted)
            {
                yield return Finding(ReconciliationKinds.Orphan, deleted.TenantId, resource, "the ledger says it was deleted, Cloudflare still has it");
            }
            else if (NamedTenants(resource.Name).FirstOrDefault(live.Contains) is null && NamedTenants(resource.Name).Any())
            {
                yield return Finding(ReconciliationKinds.Orphan, null, resource, "named by the worker (wfp-{tenant}-...), in no ledger, and no live tenant has that name");
            }
        }
    }

    static IEnumerable<ReconciliationFinding> Missing(List<CloudflareResource> inventory, List<OwnedResource> ledger, HashSet<string> live)
    {
        var present = inventory.Select(x => (x.ResourceType, x.Name)).ToHashSet();
        return ledger
            .Where(x => x.State == OwnedResourceState.Created && live.Contains(x.TenantId) && !present.Contains((x.ResourceType, x.Name)))
            .Select(x => new ReconciliationFinding
            {
                Kind = ReconciliationKinds.Missing, TenantId = x.TenantId, ResourceType = x.ResourceType, Name = x.Name, CloudflareId = x.CloudflareId,
                Detail = $"the ledger says binding {x.BindingName} uses it; Cloudflare does not have it (detach and attach again, or deprovision and provision)",
            });
    }

    async Task<List<ReconciliationFinding>> ScriptsAsync(List<TenantRow> tenants, HashSet<string> live, CancellationToken cancellationToken)
    {
        var findings = new List<ReconciliationFinding>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var tenant in tenants.Where(x => x is { DispatchNamespace: not null, ScriptName: not null }))
        {
            var script = new CloudflareResource("script", tenant.ScriptName!, tenant.ScriptName!);
            if (tenant.State == nameof(TenantStateMachine.Active))
            {
                try
                {
                    var drift = await BindingDrift.FindAsync(db, cloudflare, tenant.TenantId, tenant.DispatchNamespace!, tenant.ScriptName!, cancellationToken);
                    if (drift.Count > 0)
                    {
                        findings.Add(Finding(ReconciliationKinds.Drift, tenant.TenantId, script, string.Join("; ", drift)));
                    }
                }
                catch (CloudflareApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
                {
                    findings.Add(Finding(ReconciliationKinds.Missing, tenant.TenantId, script,
                        $"tenant is Active, its script is not in dispatch namespace {tenant.DispatchNamespace} (a deploy uploads it again)"));
                }
            }
            else if (!live.Contains(tenant.TenantId) && await ScriptExistsAsync(tenant, cancellationToken))
            {
                findings.Add(Finding(ReconciliationKinds.Orphan, tenant.TenantId, script, $"tenant is {tenant.State}, its script is still in dispatch namespace {tenant.DispatchNamespace}"));
            }
        }

        return findings;
    }

    async Task<bool> ScriptExistsAsync(TenantRow tenant, CancellationToken cancellationToken)
    {
        try
        {
            await cloudflare.Scripts.GetAsync(tenant.DispatchNamespace!, tenant.ScriptName!, cancellationToken);
            return true;
        }
        catch (CloudflareApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    async Task<List<ReconciliationFinding>> FixAllAsync(
        List<ReconciliationFinding> findings, List<CloudflareResource> inventory, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var fixer = new ReconciliationFixer(contexts, cloudflare, time, NotLive);
        var done = new List<ReconciliationFinding>(findings.Count);
        foreach (var finding in findings)
        {
            done.Add(finding.Kind switch
            {
                ReconciliationKinds.Orphan => await fixer.DeleteOrphanAsync(finding, inventory, cancellationToken),
                ReconciliationKinds.Drift => await ReconciliationFixer.RestoreAsync(finding, publisher, cancellationToken),
                _ => finding,
            });
        }

        return done;
    }

    /// <summary>The tenant ids a <c>wfp-{tenant}-{binding}</c> name could stand for (tenant ids may contain '-').</summary>
    internal static IEnumerable<string> NamedTenants(string name)
    {
        if (!name.StartsWith("wfp-", StringComparison.Ordinal))
        {
            yield break;
        }

        var rest = name[4..];
        for (var dash = rest.IndexOf('-', StringComparison.Ordinal); dash > 0; dash = rest.IndexOf('-', dash + 1))
        {
            yield return rest[..dash];
        }
    }

    static ReconciliationFinding Finding(string kind, string? tenantId, CloudflareResource resource, string detail) => new()
    {
        Kind = kind, TenantId = tenantId, ResourceType = resource.ResourceType, Name = resource.Name,
        CloudflareId = resource.ResourceType == "script" ? null : resource.CloudflareId, Detail = detail,
    };

    sealed record TenantRow(string TenantId, string State, string? DispatchNamespace, string? ScriptName);
}
