using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Provisioning.Worker.FrontDoor;

/// <summary>
/// Without FrontDoor:Token the front door (commands, tenants, the operator page) is open to whoever reaches it, so it
/// may then listen on loopback only: a non-loopback address stops the worker with one line naming the setting.
/// </summary>
public static class FrontDoorExposure
{
    public static WebApplicationBuilder EnsureFrontDoorIsProtected(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(FrontDoorOptions.SectionName).Get<FrontDoorOptions>() ?? new FrontDoorOptions();
        if (options.RequiresToken)
        {
            return builder;
        }

        if (ExposedAddress(builder.Configuration) is { } exposed)
        {
            throw new WorkerConfigurationException(
                $"the front door would listen on {exposed} without a token: set FrontDoor__Token (FrontDoor:Token) to require a bearer token, "
                + "or listen on loopback only (for example --urls http://127.0.0.1:8080).");
        }

        return builder;
    }

    /// <summary>The first configured address that is not loopback (urls, or http_ports/https_ports, which bind every interface); else null.</summary>
    public static string? ExposedAddress(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            var ports = $"{configuration["http_ports"]};{configuration["https_ports"]}".Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return ports.Length == 0 ? null : $"port {ports[0]} of every interface";
        }

        return urls.FirstOrDefault(url => !IsLoopback(BindingAddress.Parse(url)));
    }

    static bool IsLoopback(BindingAddress address) =>
        address.IsUnixPipe || address.IsNamedPipe
        || string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
