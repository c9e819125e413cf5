namespace Provisioning.Components.Timeline;

/// <summary>What a <see cref="TenantEvent"/> records; stored as text, so a name here is permanent.</summary>
public static class TenantEventKinds
{
    public const string CommandQueued = "CommandQueued";
    public const string CommandStarted = "CommandStarted";
    public const string CommandEnded = "CommandEnded";
    public const string StepSent = "StepSent";
    public const string StepCompleted = "StepCompleted";
    public const string StepFailed = "StepFailed";
    public const string CompensationBegan = "CompensationBegan";
    public const string CompensationEnded = "CompensationEnded";
    public const string CompensationFailed = "CompensationFailed";
    public const string CompensationRetried = "CompensationRetried";
}
