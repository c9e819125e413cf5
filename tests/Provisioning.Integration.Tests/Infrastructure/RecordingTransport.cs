using Provisioning.Cli.Transport;
using Provisioning.Contracts;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>
/// A CLI transport that records what is sent and answers each command with the outcome <see cref="Answer"/> builds
/// (by default a success or a failure event), visible after <see cref="PollsBeforeOutcome"/> polls.
/// </summary>
internal sealed class RecordingTransport(bool succeeded) : ICommandTransport
{
    readonly Dictionary<Guid, SeenOutcome> _outcomes = [];
    long _sequence;
    int _polls;
    ICommandOutcome? _pending;

    public List<object> Sent { get; } = [];

    public string Description => "the recording transport";

    public Func<object, Guid, ICommandOutcome?> Answer { get; set; } = (_, commandId) => succeeded
        ? new TenantProvisioned { CommandId = commandId, TenantId = "acme" }
        : new TenantProvisioningFailed
        {
            CommandId = commandId,
            TenantId = "acme",
            FailedStep = "UploadScript",
            ErrorCode = 10021,
            ErrorMessage = "bad script",
            Compensated = [new ResourceInfo { Type = "kv_namespace", Name = "wfp-acme-cache", BindingName = "CACHE" }],
        };

    public int PollsBeforeOutcome { get; set; }

    public TenantStatus? Status { get; set; }

    public TenantList Tenants { get; set; } = new();

    /// <summary>An outcome seen before the CLI started (e.g. the first failure of a command whose undo is retried).</summary>
    public void Seen(ICommandOutcome outcome) => _outcomes[outcome.CommandId] = new SeenOutcome(outcome, ++_sequence);

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SendAsync<T>(T command, Guid commandId, CancellationToken cancellationToken)
        where T : class
    {
        Sent.Add(command);
        _polls = 0;
        if (Answer(command, commandId) is { } outcome)
        {
            _pending = outcome;
        }

        return Task.CompletedTask;
    }

    public Task<SeenOutcome?> TryGetOutcomeAsync(Guid commandId, CancellationToken cancellationToken)
    {
        if (_pending is { } pending && _polls++ >= PollsBeforeOutcome)
        {
            Seen(pending);
            _pending = null;
        }

        return Task.FromResult(_outcomes.GetValueOrDefault(commandId));
    }

    public Task<TenantStatus?> GetStatusAsync(string tenantId, CancellationToken cancellationToken) => Task.FromResult(Status);

    public Task<TenantList> ListTenantsAsync(string? state, CancellationToken cancellationToken) => Task.FromResult(Tenants);

    public Task<ReconciliationReport> ReconcileAsync(bool fix, CancellationToken cancellationToken) => Task.FromResult(new ReconciliationReport { Fix = fix });

    public Task<TenantTimeline?> GetTimelineAsync(GetTenantTimeline query, CancellationToken cancellationToken) => Task.FromResult<TenantTimeline?>(null);

    /// <summary>The answer to ForgetTenant and ResumeTenant.</summary>
    public object OperatorAnswer { get; set; } = new TenantNotFound();

    public Task<object> ForgetAsync(ForgetTenant request, CancellationToken cancellationToken) => Answered(request);

    public Task<object> ResumeAsync(ResumeTenant request, CancellationToken cancellationToken) => Answered(request);

    Task<object> Answered(object request)
    {
        Sent.Add(request);
        if (OperatorAnswer is TenantResumed resumed && Answer(request, resumed.CommandId) is { } outcome)
        {
            _pending = outcome;
        }

        return Task.FromResult(OperatorAnswer);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
