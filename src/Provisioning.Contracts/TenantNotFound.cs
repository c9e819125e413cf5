namespace Provisioning.Contracts;

/// <summary>Answer to <see cref="GetTenantStatus"/> for a tenant the worker does not know.</summary>
public sealed record TenantNotFound
{
    /// <summary>The tenant id that was asked for.</summary>
    public string TenantId { get; init; } = "";
}
