namespace Provisioning.Contracts;

/// <summary>Asks for a tenant's state (request/response). Answered by <see cref="TenantStatus"/> or <see cref="TenantNotFound"/>.</summary>
public sealed record GetTenantStatus
{
    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";
}
