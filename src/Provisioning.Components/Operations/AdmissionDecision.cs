namespace Provisioning.Components.Operations;

public enum AdmissionDecision
{
    Run,
    Park,
    Reject,
}
