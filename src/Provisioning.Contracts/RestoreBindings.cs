namespace Provisioning.Contracts;

/// <summary>
/// Puts a tenant's script bindings back to what the ledger says (a settings update with the whole desired set, then
/// the read-back), undoing drift made outside the worker; code and secrets are left as they are. Sent by the
/// reconciler's fix, or by anyone. Answered by <see cref="BindingsRestored"/>, <see cref="BindingsRestoreFailed"/> or <see cref="CommandRejected"/>.
/// </summary>
public sealed record RestoreBindings : ITenantCommand
{
    /// <summary>Chosen by the sender; a repeated id has no second effect and re-publishes the outcome.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";
}
