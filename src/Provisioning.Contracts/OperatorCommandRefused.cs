namespace Provisioning.Contracts;

/// <summary>Answer to <see cref="ForgetTenant"/> or <see cref="ResumeTenant"/> when the tenant is not in a state that allows it.</summary>
public sealed record OperatorCommandRefused
{
    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>Why, and what to do instead.</summary>
    public string Reason { get; init; } = "";
}
