namespace Provisioning.Contracts;

/// <summary>
/// Request: compare the ledger and the tenants' state with what Cloudflare holds, answered by <see cref="ReconciliationReport"/>.
/// With <see cref="Fix"/>, delete what the ledger or the worker's naming says the worker owns and no live tenant uses,
/// and send <see cref="RestoreBindings"/> for every drifted tenant; nothing else in the account is ever touched.
/// </summary>
public sealed record Reconcile
{
    /// <summary>Repair what can be repaired; without it the run only reports.</summary>
    public bool Fix { get; init; }
}
