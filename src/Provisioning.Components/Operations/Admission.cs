namespace Provisioning.Components.Operations;

/// <summary>Whether a waiting command can start now, must wait for its tenant (parked), or can never run (rejected).</summary>
public sealed record Admission
{
    public static readonly Admission Run = new() { Decision = AdmissionDecision.Run };

    public static readonly Admission Park = new() { Decision = AdmissionDecision.Park };

    public AdmissionDecision Decision { get; private init; }

    public string? Reason { get; private init; }

    public static Admission Reject(string reason) => new() { Decision = AdmissionDecision.Reject, Reason = reason };
}
