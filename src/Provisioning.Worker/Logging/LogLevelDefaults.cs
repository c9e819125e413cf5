using Serilog;
using Serilog.Events;

namespace Provisioning.Worker.Logging;

/// <summary>
/// The worker's log levels when nothing configures them: Information for our own lines, Warning for the chatty
/// libraries (EF Core's every SQL command, MassTransit's endpoint list, HttpClient's every request). They live in code
/// so a worker started from a directory without appsettings.json logs the same; the "Serilog" section only changes them.
/// </summary>
public static class LogLevelDefaults
{
    public const LogEventLevel Default = LogEventLevel.Information;

    public static readonly IReadOnlyDictionary<string, LogEventLevel> Overrides = new Dictionary<string, LogEventLevel>(StringComparer.Ordinal)
    {
        ["MassTransit"] = LogEventLevel.Warning,
        ["Microsoft.AspNetCore"] = LogEventLevel.Warning,
        ["Microsoft.EntityFrameworkCore"] = LogEventLevel.Warning,
        ["Microsoft.Hosting.Lifetime"] = LogEventLevel.Information,
        ["System.Net.Http.HttpClient"] = LogEventLevel.Warning,
        ["Polly"] = LogEventLevel.Warning,
    };

    /// <summary>Applies the defaults; call before <c>ReadFrom.Configuration</c>, whose levels then replace them one by one.</summary>
    public static LoggerConfiguration WithDefaultLevels(this LoggerConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.MinimumLevel.Is(Default);
        foreach (var (source, level) in Overrides)
        {
            configuration.MinimumLevel.Override(source, level);
        }

        return configuration;
    }
}
