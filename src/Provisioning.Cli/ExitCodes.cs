namespace Provisioning.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command failed (and was compensated) or was rejected, or the wait timed out.</summary>
    public const int Failed = 1;

    public const int Usage = 2;

    /// <summary>The broker or the worker's front door could not be reached.</summary>
    public const int Unreachable = 3;

    /// <summary>The worker does not know the tenant (<c>TenantNotFound</c>).</summary>
    public const int NotFound = 4;
}
