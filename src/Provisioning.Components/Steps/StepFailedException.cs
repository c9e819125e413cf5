namespace Provisioning.Components.Steps;

/// <summary>A permanent step failure found by the worker itself (not an HTTP error), for example a binding that vanished.</summary>
public sealed class StepFailedException : Exception
{
    public StepFailedException()
    {
    }

    public StepFailedException(string message)
        : base(message)
    {
    }

    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
