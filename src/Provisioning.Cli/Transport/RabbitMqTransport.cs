using System.Collections.Concurrent;
using MassTransit;
using Provisioning.Contracts;
using Provisioning.Messaging;

namespace Provisioning.Cli.Transport;

/// <summary>
/// Publishes commands with MassTransit over RabbitMQ and hears their outcome events on a temporary queue of its own
/// (auto-deleted when the CLI exits); status and the tenant list by request/response.
/// </summary>
public sealed class RabbitMqTransport(RabbitMqAddress broker) : ICommandTransport
{
    static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    readonly ConcurrentDictionary<Guid, SeenOutcome> _outcomes = new();
    IBusControl? _bus;
    long _sequence;

    public string Description => $"RabbitMQ at {broker.DisplayAddress}";

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            broker.ConfigureHost(cfg, h => h.RequestedConnectionTimeout(ConnectTimeout));
            cfg.ReceiveEndpoint(new TemporaryEndpointDefinition("wfp-cli"), KebabCaseEndpointNameFormatter.Instance, e =>
                e.Handler<ICommandOutcome>(context =>
                {
                    var outcome = OutcomeMessages.Concrete(context);
                    // The latest wins: RetryCompensation re-publishes the outcome of the same CommandId.
                    _outcomes[outcome.CommandId] = new SeenOutcome(outcome, Interlocked.Increment(ref _sequence));
                    return Task.CompletedTask;
                }));
        });

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await _bus.StartAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new TransportUnreachableException($"Cannot reach RabbitMQ at {broker.DisplayAddress}: {ex.GetBaseException().Message}", ex);
        }
    }

    public async Task SendAsync<T>(T command, Guid commandId, CancellationToken cancellationToken)
        where T : class
    {
        // Published to the command's message-type exchange, which the worker binds to its queue (e.g. provision-tenant).
        await Bus.Publish(command, ctx => ctx.MessageId = commandId, cancellationToken);
    }

    public Task<SeenOutcome?> TryGetOutcomeAsync(Guid commandId, CancellationToken cancellationToken) =>
        Task.FromResult(_outcomes.GetValueOrDefault(commandId));

    public async Task<TenantStatus?> GetStatusAsync(string tenantId, CancellationToken cancellationToken)
    {
        var client = Bus.CreateRequestClient<GetTenantStatus>();
        var response = await client.GetResponse<TenantStatus, TenantNotFound>(new GetTenantStatus { TenantId = tenantId }, cancellationToken);
        return response.Is(out Response<TenantStatus>? status) ? status.Message : null;
    }

    public async Task<TenantList> ListTenantsAsync(string? state, CancellationToken cancellationToken)
    {
        var client = Bus.CreateRequestClient<ListTenants>();
        var response = await client.GetResponse<TenantList>(new ListTenants { State = state }, cancellationToken);
        return response.Message;
    }

    public async Task<TenantTimeline?> GetTimelineAsync(GetTenantTimeline query, CancellationToken cancellationToken)
    {
        var client = Bus.CreateRequestClient<GetTenantTimeline>();
        var response = await client.GetResponse<TenantTimeline, TenantNotFound>(query, cancellationToken);
        return response.Is(out Response<TenantTimeline>? timeline) ? timeline.Message : null;
    }

    public async Task<ReconciliationReport> ReconcileAsync(bool fix, CancellationToken cancellationToken)
    {
        // A run walks the whole account as background budget work: a large account takes minutes.
        var client = Bus.CreateRequestClient<Reconcile>(RequestTimeout.After(m: 30));
        return (await client.GetResponse<ReconciliationReport>(new Reconcile { Fix = fix }, cancellationToken)).Message;
    }

    public Task<object> ForgetAsync(ForgetTenant request, CancellationToken cancellationToken) => AskAsync<ForgetTenant, TenantForgotten>(request, cancellationToken);

    public Task<object> ResumeAsync(ResumeTenant request, CancellationToken cancellationToken) => AskAsync<ResumeTenant, TenantResumed>(request, cancellationToken);

    async Task<object> AskAsync<TRequest, TDone>(TRequest request, CancellationToken cancellationToken)
        where TRequest : class
        where TDone : class
    {
        var response = await Bus.CreateRequestClient<TRequest>().GetResponse<TDone, OperatorCommandRefused, TenantNotFound>(request, cancellationToken);
        return response.Message;
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync(CancellationToken.None);
        }
    }

    IBusControl Bus => _bus ?? throw new InvalidOperationException("Not connected.");
}
