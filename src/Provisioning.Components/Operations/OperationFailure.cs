using Provisioning.Contracts;

namespace Provisioning.Components.Operations;

/// <summary>A failed operation as its failure event reports it.</summary>
public sealed record OperationFailure
{
    public Guid CommandId { get; init; }

    public string TenantId { get; init; } = "";

    public string FailedStep { get; init; } = "";

    public int? ErrorCode { get; init; }

    public string ErrorMessage { get; init; } = "";

    public IReadOnlyList<ResourceInfo> Compensated { get; init; } = [];

    public bool CompensationFailed { get; init; }
}
