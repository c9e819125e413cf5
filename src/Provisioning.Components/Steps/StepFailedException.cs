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

    /// <summary>A failure explained by the worker on top of Cloudflare's error, whose code it keeps.</summary>
    public StepFailedException(string message, CloudflareApiException cloudflare)
        : base(message, cloudflare)
    {
        ErrorCode = cloudflare?.Errors.Count > 0 ? cloudflare.Errors[0].Code : null;
    }

    /// <summary>Cloudflare's error code behind the failure, if there was one.</summary>
    public int? ErrorCode { get; }
}
