namespace Provisioning.Components.Steps;

/// <summary>
/// A tenant's binding set as stored (TenantBindings rows) with the ledger rows its resource bindings point at: what
/// every upload, settings PATCH and read-back starts from. The rows are tracked, so a step can add or remove them.
/// </summary>
public sealed class StoredBindings
{
    StoredBindings(List<TenantBinding> rows, Dictionary<Guid, OwnedResource> ledger)
    {
        Rows = rows;
        Ledger = ledger;
    }

    public IReadOnlyList<TenantBinding> Rows { get; }

    public IReadOnlyDictionary<Guid, OwnedResource> Ledger { get; }

    public static async Task<StoredBindings> LoadAsync(ProvisioningDbContext db, string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Bindings.Where(x => x.TenantId == tenantId).ToListAsync(cancellationToken);
        var ledger = await db.OwnedResources.Where(x => x.TenantId == tenantId).ToDictionaryAsync(x => x.Id, cancellationToken);
        return new StoredBindings(rows, ledger);
    }

    /// <summary>The stored bindings that <paramref name="keep"/> accepts, ready to send; <paramref name="secret"/> says how a secret goes.</summary>
    public IEnumerable<WorkerBinding> ToWorkerBindings(Func<TenantBinding, bool> keep, Func<string, WorkerBinding> secret) =>
        Rows.Where(keep).Select(x => Bindings.FromStored(x, x.OwnedResourceId is { } id ? Ledger[id] : null, secret));
}
