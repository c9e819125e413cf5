using System.ComponentModel.DataAnnotations;
using Provisioning.Messaging;

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

    /// <summary>The parsed broker address, when <see cref="Uri"/> is set and an amqp URI; else null (validation names the setting).</summary>
    public RabbitMqAddress? GetAddress() => Uri is not null && RabbitMqAddress.IsSupported(Uri) ? new RabbitMqAddress(Uri) : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Uri is not null && !RabbitMqAddress.IsSupported(Uri))
        {
            yield return new ValidationResult("RabbitMq:Uri must be an amqp:// or amqps:// URI, for example amqp://guest:guest@127.0.0.1:5672/.",
                [nameof(Uri)]);
        }
    }
}
