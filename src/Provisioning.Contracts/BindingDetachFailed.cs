namespace Provisioning.Contracts;

/// <summary>
/// Outcome of a failed <see cref="DetachBinding"/>: the binding may still be in place; nothing else changed unless <see cref="OperationFailed.CompensationFailed"/> is set.
/// </summary>
public sealed record BindingDetachFailed : OperationFailed;
