using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Provisioning.Worker;

/// <summary>
/// The HTTP addresses the worker will listen on, checked before anything starts: a port another process holds is a
/// setting to change, reported as one line instead of the host's start-up failure with its stack traces.
/// </summary>
public static class ListenAddresses
{
    /// <summary>Throws <see cref="WorkerConfigurationException"/> naming the first configured address (<c>urls</c>) that is in use.</summary>
    public static WebApplicationBuilder EnsureListenAddressesAreFree(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var url in (builder.Configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = BindingAddress.Parse(url);
            if (address.IsUnixPipe || address.IsNamedPipe || address.Port == 0)
            {
                continue;
            }

            foreach (var ip in IpAddressesOf(address.Host))
            {
                if (IsInUse(ip, address.Port))
                {
                    throw InUse(url);
                }
            }
        }

        return builder;
    }

    // Which address, and which setting moves the worker elsewhere.
    static WorkerConfigurationException InUse(string address) =>
        new($"{address} is already in use by another process; give the worker a free address with --urls or ASPNETCORE_URLS "
            + "(for example --urls http://127.0.0.1:8081).");

    // Kestrel's reading of the host: localhost is both loopbacks, an IP itself, anything else (*, +, a name) every interface.
    static IEnumerable<IPAddress> IpAddressesOf(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? [IPAddress.Loopback]
        : IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? [ip]
        : [IPAddress.Any];

    static bool IsInUse(IPAddress ip, int port)
    {
        var probe = new TcpListener(ip, port);
        try
        {
            probe.Start();
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Not ours to judge (no IPv6, an address of another machine): Kestrel reports it.
            return false;
        }
        finally
        {
            probe.Stop();
        }
    }
}
