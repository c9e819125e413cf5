namespace Provisioning.Contracts;

/// <summary>
/// Uploads new code for a tenant's script; every binding, secrets included, stays as it is.
/// Answered by <see cref="ScriptDeployed"/>, <see cref="ScriptDeployFailed"/> or <see cref="CommandRejected"/>.
/// </summary>
public sealed record DeployScript : ITenantCommand
{
    /// <summary>Chosen by the sender; a repeated id has no second effect and re-publishes the outcome.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The new code (at least one module).</summary>
    public ScriptSpec Script { get; init; } = new();
}
