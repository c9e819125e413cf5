namespace Provisioning.Contracts;

/// <summary>
/// Operator request (request/response): removes a tenant that is <c>Failed</c>, was never Active, owns nothing per the
/// ledger and has no command waiting, so nothing of it is left in the store and the id starts afresh. Answered by
/// <see cref="TenantForgotten"/>, <see cref="OperatorCommandRefused"/> (saying why) or <see cref="TenantNotFound"/>.
/// </summary>
public sealed record ForgetTenant
{
    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";
}
