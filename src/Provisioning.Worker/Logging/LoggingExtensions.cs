using Serilog;
using Serilog.Formatting.Compact;

namespace Provisioning.Worker.Logging;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog from the "Serilog" section (levels, overrides, enrichers); <c>Serilog:Formatter</c> = <c>json</c>
    /// switches the console to compact JSON for log shippers.
    /// </summary>
    public static IHostApplicationBuilder AddProvisioningLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var json = string.Equals(builder.Configuration["Serilog:Formatter"], "json", StringComparison.OrdinalIgnoreCase);

        builder.Services.AddSerilog((services, lc) =>
        {
            lc.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext();
            if (json)
            {
                lc.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                lc.WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
            }
        });
        return builder;
    }
}
