namespace Provisioning.Contracts;

/// <summary>Outcome of a successful <see cref="ProvisionTenant"/>: resources exist and the script is deployed with every binding.</summary>
public sealed record TenantProvisioned : ICommandSucceeded
{
    /// <summary>The command this answers.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The dispatch namespace holding the script.</summary>
    public string DispatchNamespace { get; init; } = "";

    /// <summary>The script name.</summary>
    public string ScriptName { get; init; } = "";

    /// <summary>The resources created or adopted.</summary>
    public IReadOnlyList<ResourceInfo> Resources { get; init; } = [];

    /// <summary>Names of every binding the script now has.</summary>
    public IReadOnlyList<string> BindingNames { get; init; } = [];
}
