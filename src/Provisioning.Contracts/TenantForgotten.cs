namespace Provisioning.Contracts;

/// <summary>Answer to <see cref="ForgetTenant"/>: the tenant's saga, ledger, bindings and command history were removed.</summary>
public sealed record TenantForgotten
{
    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>How many stored commands of the tenant were removed with it.</summary>
    public int CommandsRemoved { get; init; }
}
