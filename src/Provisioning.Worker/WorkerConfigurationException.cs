namespace Provisioning.Worker;

/// <summary>The worker cannot start as configured; the message names the setting to change. Logged as one line, no stack.</summary>
public sealed class WorkerConfigurationException : Exception
{
    public WorkerConfigurationException()
    {
    }

    public WorkerConfigurationException(string message)
        : base(message)
    {
    }

    public WorkerConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
