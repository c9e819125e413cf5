using Provisioning.Contracts;

namespace Provisioning.Cli.Transport;

/// <summary>How the CLI reaches the worker: RabbitMQ, or the embedded worker's HTTP front door.</summary>
public interface ICommandTransport : IAsyncDisposable
{
    /// <summary>"RabbitMQ at amqp://host:5672/" or "the worker at http://127.0.0.1:8080": for messages.</summary>
    string Description { get; }

    /// <summary>Connects; throws <see cref="TransportUnreachableException"/> naming the address when it cannot.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    Task SendAsync<T>(T command, Guid commandId, CancellationToken cancellationToken)
        where T : class;

    /// <summary>The outcome event of <paramref name="commandId"/>, as its contract type, once it has been seen; else null.</summary>
    Task<ICommandOutcome?> TryGetOutcomeAsync(Guid commandId, CancellationToken cancellationToken);

    /// <summary>The tenant's status, or null when the worker does not know the tenant.</summary>
    Task<TenantStatus?> GetStatusAsync(string tenantId, CancellationToken cancellationToken);

    Task<TenantList> ListTenantsAsync(string? state, CancellationToken cancellationToken);

    /// <summary>A page of the tenant's timeline, newest first, or null when the worker does not know the tenant.</summary>
    Task<TenantTimeline?> GetTimelineAsync(GetTenantTimeline query, CancellationToken cancellationToken);
}
