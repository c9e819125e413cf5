using System.ComponentModel.DataAnnotations;
using Provisioning.Messaging;

namespace Provisioning.Worker.Messaging;

public sealed class RabbitMqOptions : IValidatableObject
{
    public const string SectionName = "RabbitMq";

    /// <summary><c>amqp://user:password@host:5672/vhost</c>; unset = MassTransit's in-memory transport (single process).</summary>
    public Uri? Uri { get; set; }

    /// <summary>
    /// The cluster's other nodes, <c>host:port</c> (or <c>host</c> for the Uri's port), comma-separated: the worker connects
    /// to the Uri's node first and to the next one whenever a connection is lost. Credentials and vhost come from the Uri.
    /// </summary>
    public string? ClusterNodes { get; set; }

    /// <summary><see cref="RabbitMqQueueType.Quorum"/> declares every durable queue as a quorum queue (a cluster's choice).</summary>
    public RabbitMqQueueType QueueType { get; set; } = RabbitMqQueueType.Classic;

    /// <summary>Messages fetched ahead per queue; also the consumer concurrency per queue.</summary>
    [Range(1, 1000)]
    public int PrefetchCount { get; set; } = 16;

    /// <summary>
    /// Publisher nacks in a row after which a channel is closed, so that MassTransit opens a new one for the next publish
    /// (see <see cref="StuckChannelFilter"/>).
    /// </summary>
    [Range(1, 1000)]
    public int ChannelNackLimit { get; set; } = 2;

    public bool IsConfigured => Uri is not null;

    /// <summary>The parsed broker address, when <see cref="Uri"/> is set and an amqp URI; else null (validation names the setting).</summary>
    public RabbitMqAddress? GetAddress() => Uri is not null && RabbitMqAddress.IsSupported(Uri) ? new RabbitMqAddress(Uri) : null;

    /// <summary>Every node of the broker, the Uri's first, as <c>host:port</c>; empty when no cluster nodes are configured.</summary>
    public IReadOnlyList<string> GetClusterNodes()
    {
        if (GetAddress() is not { } address || string.IsNullOrWhiteSpace(ClusterNodes))
        {
            return [];
        }

        var nodes = new List<string> { $"{address.Uri.Host}:{address.Port}" };
        foreach (var node in SplitClusterNodes())
        {
            var full = node.Contains(':', StringComparison.Ordinal) ? node : $"{node}:{address.Port}";
            if (!nodes.Contains(full, StringComparer.OrdinalIgnoreCase))
            {
                nodes.Add(full);
            }
        }

        return nodes;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Uri is not null && !RabbitMqAddress.IsSupported(Uri))
        {
            yield return new ValidationResult("RabbitMq:Uri must be an amqp:// or amqps:// URI, for example amqp://guest:guest@127.0.0.1:5672/.",
                [nameof(Uri)]);
        }

        if (!string.IsNullOrWhiteSpace(ClusterNodes) && Uri is null)
        {
            yield return new ValidationResult("RabbitMq:ClusterNodes needs RabbitMq:Uri (the first node, with credentials and vhost).",
                [nameof(ClusterNodes)]);
        }

        foreach (var node in SplitClusterNodes().Where(n => !IsHostAndPort(n)))
        {
            yield return new ValidationResult(
                $"RabbitMq:ClusterNodes entry '{node}' is not host or host:port; expected a comma list such as 10.0.0.2:5672,10.0.0.3:5672.",
                [nameof(ClusterNodes)]);
        }
    }

    string[] SplitClusterNodes() =>
        (ClusterNodes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static bool IsHostAndPort(string node)
    {
        var separator = node.LastIndexOf(':');
        var host = separator < 0 ? node : node[..separator];
        return System.Uri.CheckHostName(host) != UriHostNameType.Unknown
            && (separator < 0 || (ushort.TryParse(node[(separator + 1)..], out var port) && port > 0));
    }
}
