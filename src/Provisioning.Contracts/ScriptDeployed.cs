namespace Provisioning.Contracts;

/// <summary>Outcome of a successful <see cref="DeployScript"/>; every binding, secrets included, was kept.</summary>
public sealed record ScriptDeployed : ICommandSucceeded
{
    /// <summary>The command this answers.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The script name.</summary>
    public string ScriptName { get; init; } = "";

    /// <summary>Cloudflare's etag of the uploaded script, when it returned one.</summary>
    public string? Etag { get; init; }
}
