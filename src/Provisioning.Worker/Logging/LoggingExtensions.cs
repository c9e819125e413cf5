using Serilog;
using Serilog.Formatting.Compact;

namespace Provisioning.Worker.Logging;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog with <see cref="LogLevelDefaults"/>, changed by the "Serilog" section (levels, overrides, enrichers);
    /// <c>Serilog:Formatter</c> = <c>json</c> switches the console to compact JSON for log shippers.
    /// </summary>
    public static IHostApplicationBuilder AddProvisioningLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var json = string.Equals(builder.Configuration["Serilog:Formatter"], "json", StringComparison.OrdinalIgnoreCase);

        // The configured bootstrap logger writes the start-up choices (transport, database, Cloudflare) in the chosen
        // format too; AddSerilog then takes it over for the rest of the host's life.
        Log.Logger = WriteToConsole(new LoggerConfiguration().WithDefaultLevels().ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext(), json)
            .CreateBootstrapLogger();
        builder.Services.AddSerilog((services, lc) => WriteToConsole(
            lc.WithDefaultLevels()
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext(),
            json));
        return builder;
    }

    static LoggerConfiguration WriteToConsole(LoggerConfiguration configuration, bool json) => json
        ? configuration.WriteTo.Console(new RenderedCompactJsonFormatter())
        : configuration.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
}
