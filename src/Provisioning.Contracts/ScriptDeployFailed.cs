namespace Provisioning.Contracts;

/// <summary>
/// Outcome of a failed <see cref="DeployScript"/>: the previous code and every binding stay in place.
/// </summary>
public sealed record ScriptDeployFailed : OperationFailed;
