namespace Provisioning.Contracts;

/// <summary>
/// Outcome of a failed <see cref="AttachBinding"/>: the resource it created, if any, was deleted again and the script's bindings are as before, unless <see cref="OperationFailed.CompensationFailed"/> is set.
/// </summary>
public sealed record BindingAttachFailed : OperationFailed;
