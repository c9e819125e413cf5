namespace Provisioning.Contracts;

/// <summary>
/// An outcome that says the command was tried and failed: which step, Cloudflare's error, and what was undone.
/// Resources the command had created were deleted again (see <see cref="Compensated"/>) unless
/// <see cref="CompensationFailed"/> is set.
/// </summary>
public interface ICommandFailed : ICommandOutcome
{
    /// <summary>The step that failed (for example <c>CreateResources</c>, <c>UploadScript</c>, <c>UpdateBindings</c>; an upload or settings change also fails when its read-back finds a wrong binding).</summary>
    string FailedStep { get; }

    /// <summary>Cloudflare's error code (from the response envelope), when the failure came from Cloudflare.</summary>
    int? ErrorCode { get; }

    /// <summary>Cloudflare's error message, or the worker's own description of the failure.</summary>
    string ErrorMessage { get; }

    /// <summary>Resources this operation had created and then deleted again, in the order they were deleted.</summary>
    IReadOnlyList<ResourceInfo> Compensated { get; }

    /// <summary>
    /// True when undoing the operation itself failed: some resources may be left behind, and the tenant waits in state
    /// CompensationFailed for an operator (RetryCompensation).
    /// </summary>
    bool CompensationFailed { get; }
}
