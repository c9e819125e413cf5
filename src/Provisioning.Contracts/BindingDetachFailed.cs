namespace Provisioning.Contracts;

/// <summary>
/// Outcome of a failed <see cref="DetachBinding"/>: the binding may still be in place; nothing else changed unless <see cref="CompensationFailed"/> is set.
/// </summary>
public sealed record BindingDetachFailed : ICommandFailed
{
    /// <summary>The command this answers.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The step that failed (for example <c>UploadScript</c>, <c>CreateResource</c>, <c>VerifyBindings</c>).</summary>
    public string FailedStep { get; init; } = "";

    /// <summary>Cloudflare's error code (from the response envelope), when the failure came from Cloudflare.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>Cloudflare's error message, or the worker's own description of the failure.</summary>
    public string ErrorMessage { get; init; } = "";

    /// <summary>Resources this operation had created and then deleted again, in the order they were deleted.</summary>
    public IReadOnlyList<ResourceInfo> Compensated { get; init; } = [];

    /// <summary>
    /// True when undoing the operation itself failed: some resources may be left behind, and the tenant waits
    /// in a failed state for an operator (see <see cref="TenantStatus"/>).
    /// </summary>
    public bool CompensationFailed { get; init; }
}
