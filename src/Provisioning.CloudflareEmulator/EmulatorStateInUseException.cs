namespace Provisioning.CloudflareEmulator;

/// <summary>
/// Another running emulator holds the <see cref="EmulatorOptions.StatePath"/> file. Each emulator keeps its resources in
/// memory as well, so two of them on one file would drift apart unseen: the second one refuses to start instead.
/// </summary>
public sealed class EmulatorStateInUseException : Exception
{
    public EmulatorStateInUseException()
    {
    }

    public EmulatorStateInUseException(string message)
        : base(message)
    {
    }

    public EmulatorStateInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static EmulatorStateInUseException For(string path, Exception innerException) =>
        new($"The emulator state file {Path.GetFullPath(path)} is in use by another running emulator.", innerException) { StatePath = path };

    public string? StatePath { get; private init; }
}
