using System.ComponentModel.DataAnnotations;

namespace Provisioning.Worker.Messaging;

public sealed class RabbitMqOptions : IValidatableObject
{
    public const string SectionName = "RabbitMq";

    /// <summary><c>amqp://user:password@host:5672/vhost</c>; unset = MassTransit's in-memory transport (single process).</summary>
    public Uri? Uri { get; set; }

    /// <summary>Messages fetched ahead per queue; also the consumer concurrency per queue.</summary>
    [Range(1, 1000)]
    public int PrefetchCount { get; set; } = 16;

    public bool IsConfigured => Uri is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Uri is not null && (!Uri.IsAbsoluteUri || Uri.Scheme is not ("amqp" or "amqps" or "rabbitmq" or "rabbitmqs")))
        {
            yield return new ValidationResult("RabbitMq:Uri must be an amqp:// or amqps:// URI, for example amqp://guest:guest@127.0.0.1:5672/.",
                [nameof(Uri)]);
        }
    }

    /// <summary>The virtual host named by the URI's path ("/" when it has none).</summary>
    public string VirtualHost => Uri is null || Uri.AbsolutePath is "" or "/" ? "/" : System.Uri.UnescapeDataString(Uri.AbsolutePath.TrimStart('/'));

    public string Username => UserInfoPart(0) ?? "guest";

    public string Password => UserInfoPart(1) ?? "guest";

    /// <summary>The URI without user info, safe to log.</summary>
    public string DisplayAddress => Uri is null ? "" : $"{Uri.Scheme}://{Uri.Host}:{Port}/{(VirtualHost == "/" ? "" : VirtualHost)}";

    public ushort Port => (ushort)(Uri is { IsDefaultPort: false } u ? u.Port : Uri?.Scheme is "amqps" or "rabbitmqs" ? 5671 : 5672);

    string? UserInfoPart(int index)
    {
        var parts = Uri?.UserInfo.Split(':', 2);
        return parts is not null && parts.Length > index && parts[index].Length > 0 ? System.Uri.UnescapeDataString(parts[index]) : null;
    }
}
