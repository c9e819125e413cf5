namespace Provisioning.Cli;

/// <summary>A mistake in the command line found after parsing (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
