using Serilog;

namespace Provisioning.Worker;

/// <summary>The choices made while the host is built, logged before the DI logger exists (through Serilog's static logger).</summary>
internal static class StartupLog
{
    public static void Write(string messageTemplate, params object?[] values) => Log.Information(messageTemplate, values);
}
