namespace Provisioning.Contracts;

/// <summary>Asks for the known tenants (request/response). Answered by <see cref="TenantList"/>.</summary>
public sealed record ListTenants
{
    /// <summary>Only tenants in this saga state; null lists all.</summary>
    public string? State { get; init; }
}
