namespace Provisioning.Cli.Transport;

public sealed class TransportUnreachableException : Exception
{
    public TransportUnreachableException()
    {
    }

    public TransportUnreachableException(string message)
        : base(message)
    {
    }

    public TransportUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
