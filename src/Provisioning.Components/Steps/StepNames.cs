namespace Provisioning.Components.Steps;

/// <summary>Step names as they appear in plans, failure events (FailedStep) and metrics.</summary>
public static class StepNames
{
    public const string EnsureDispatchNamespace = nameof(EnsureDispatchNamespace);
    public const string CreateResource = nameof(CreateResource);
    public const string UploadScript = nameof(UploadScript);
    public const string UpdateBindings = nameof(UpdateBindings);
    public const string VerifyBindings = nameof(VerifyBindings);
    public const string DeleteResource = nameof(DeleteResource);
    public const string DeleteScript = nameof(DeleteScript);
}
