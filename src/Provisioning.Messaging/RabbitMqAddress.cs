using MassTransit;

namespace Provisioning.Messaging;

/// <summary>
/// A broker URI, <c>amqp://user:password@host:5672/vhost</c> (amqps for TLS), read the same way by the worker and the
/// CLI: host, port (5672, or 5671 with TLS), virtual host ("/" when the path is empty), credentials (guest/guest when
/// absent), and an address without credentials that is safe to log.
/// </summary>
public sealed class RabbitMqAddress
{
    public RabbitMqAddress(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!IsSupported(uri))
        {
            throw new ArgumentException($"'{uri}' is not an amqp:// or amqps:// URI, for example amqp://guest:guest@127.0.0.1:5672/.", nameof(uri));
        }

        Uri = uri;
    }

    public Uri Uri { get; }

    public bool UsesTls => Uri.Scheme is "amqps" or "rabbitmqs";

    public ushort Port => (ushort)(!Uri.IsDefaultPort && Uri.Port > 0 ? Uri.Port : UsesTls ? 5671 : 5672);

    public string VirtualHost => Uri.AbsolutePath is "" or "/" ? "/" : Uri.UnescapeDataString(Uri.AbsolutePath.TrimStart('/'));

    public string Username => UserInfoPart(0) ?? "guest";

    public string Password => UserInfoPart(1) ?? "guest";

    /// <summary>The URI without user info, safe to log.</summary>
    public string DisplayAddress => $"{Uri.Scheme}://{Uri.Host}:{Port}/{(VirtualHost == "/" ? "" : VirtualHost)}";

    public static bool IsSupported(Uri uri) =>
        uri is { IsAbsoluteUri: true } && uri.Scheme is "amqp" or "amqps" or "rabbitmq" or "rabbitmqs";

    /// <summary>Points a RabbitMQ bus at this broker, with TLS for amqps; <paramref name="configure"/> adds host settings.</summary>
    public void ConfigureHost(IRabbitMqBusFactoryConfigurator bus, Action<IRabbitMqHostConfigurator>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.Host(Uri.Host, Port, VirtualHost, h =>
        {
            h.Username(Username);
            h.Password(Password);
            if (UsesTls)
            {
                h.UseSsl(s => s.ServerName = Uri.Host);
            }

            configure?.Invoke(h);
        });
    }

    string? UserInfoPart(int index)
    {
        var parts = Uri.UserInfo.Split(':', 2);
        return parts.Length > index && parts[index].Length > 0 ? Uri.UnescapeDataString(parts[index]) : null;
    }
}
