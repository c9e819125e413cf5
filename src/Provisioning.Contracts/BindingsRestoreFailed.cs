namespace Provisioning.Contracts;

/// <summary>Outcome of a failed <see cref="RestoreBindings"/>, for example a secret Cloudflare no longer holds (the worker cannot send its value again).</summary>
public sealed record BindingsRestoreFailed : OperationFailed;
