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

    /// <summary>
    /// The latest outcome event of <paramref name="commandId"/> seen, as its contract type, with the sequence number it
    /// was seen under (a re-published outcome, e.g. after RetryCompensation, gets a higher one); else null.
    /// </summary>
    Task<SeenOutcome?> TryGetOutcomeAsync(Guid commandId, CancellationToken cancellationToken);

    /// <summary>The tenant's status, or null when the worker does not know the tenant.</summary>
    Task<TenantStatus?> GetStatusAsync(string tenantId, CancellationToken cancellationToken);

    Task<TenantList> ListTenantsAsync(string? state, CancellationToken cancellationToken);

    /// <summary>A page of the tenant's timeline, newest first, or null when the worker does not know the tenant.</summary>
    Task<TenantTimeline?> GetTimelineAsync(GetTenantTimeline query, CancellationToken cancellationToken);
    /// <summary>Asks <see cref="ForgetTenant"/>: a <see cref="TenantForgotten"/>, <see cref="OperatorCommandRefused"/> or <see cref="TenantNotFound"/>.</summary>
    Task<object> ForgetAsync(ForgetTenant request, CancellationToken cancellationToken);

    /// <summary>Asks <see cref="ResumeTenant"/>: a <see cref="TenantResumed"/>, <see cref="OperatorCommandRefused"/> or <see cref="TenantNotFound"/>.</summary>
    Task<object> ResumeAsync(ResumeTenant request, CancellationToken cancellationToken);

    /// <summary>Runs the reconciler on a worker (<see cref="Reconcile"/>) and returns its report.</summary>
    Task<ReconciliationReport> ReconcileAsync(bool fix, CancellationToken cancellationToken);
}
