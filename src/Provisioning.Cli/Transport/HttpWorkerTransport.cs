using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Provisioning.Contracts;
using Provisioning.Messaging;

namespace Provisioning.Cli.Transport;

/// <summary>
/// The embedded worker's front door: POST /commands/{queue}, GET /commands/{id}, GET /tenants[/{id}[/timeline]], with
/// the front door's bearer token when one is given (--token, WFP_TOKEN).
/// </summary>
public sealed class HttpWorkerTransport(Uri workerAddress, HttpMessageHandler? handler = null, string? token = null) : ICommandTransport
{
    readonly HttpClient _http = new(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null)
    {
        BaseAddress = workerAddress,
        Timeout = TimeSpan.FromSeconds(35),
        DefaultRequestHeaders = { Authorization = string.IsNullOrEmpty(token) ? null : new AuthenticationHeaderValue("Bearer", token) },
    };

    public string Description => $"the worker at {workerAddress}";

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var response = await CallAsync(() => _http.GetAsync("health/live", cancellationToken));
        if (!response.IsSuccessStatusCode)
        {
            throw new TransportUnreachableException($"The worker at {workerAddress} answered {(int)response.StatusCode} on /health/live.");
        }
    }

    public async Task SendAsync<T>(T command, Guid commandId, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await CallAsync(() => _http.PostAsJsonAsync($"commands/{CommandQueues.For<T>()}", command, JsonSerializerOptions.Web, cancellationToken));
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"The worker at {workerAddress} refused the command ({(int)response.StatusCode}): {body}");
        }
    }

    public async Task<SeenOutcome?> TryGetOutcomeAsync(Guid commandId, CancellationToken cancellationToken)
    {
        using var response = await CallAsync(() => _http.GetAsync($"commands/{commandId}", cancellationToken));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var seen = await response.Content.ReadFromJsonAsync<FrontDoorOutcome>(JsonSerializerOptions.Web, cancellationToken);
        var type = CommandOutcomeTypes.Find(seen?.OutcomeType ?? "")
            ?? throw new InvalidOperationException($"The worker at {workerAddress} answered an unknown outcome type '{seen?.OutcomeType}' for command {commandId}.");
        return seen!.Outcome.Deserialize(type, JsonSerializerOptions.Web) is ICommandOutcome outcome ? new SeenOutcome(outcome, seen.Sequence) : null;
    }

    public async Task<TenantStatus?> GetStatusAsync(string tenantId, CancellationToken cancellationToken)
    {
        using var response = await CallAsync(() => _http.GetAsync($"tenants/{Uri.EscapeDataString(tenantId)}", cancellationToken));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<TenantStatus>(JsonSerializerOptions.Web, cancellationToken);
    }

    public async Task<TenantList> ListTenantsAsync(string? state, CancellationToken cancellationToken)
    {
        var path = state is null ? "tenants" : $"tenants?state={Uri.EscapeDataString(state)}";
        using var response = await CallAsync(() => _http.GetAsync(path, cancellationToken));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<TenantList>(JsonSerializerOptions.Web, cancellationToken) ?? new TenantList();
    }

    public async Task<TenantTimeline?> GetTimelineAsync(GetTenantTimeline query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = $"tenants/{Uri.EscapeDataString(query.TenantId)}/timeline?limit={query.Limit ?? 100}" + (query.Before is { } before ? $"&before={before}" : "");
        using var response = await CallAsync(() => _http.GetAsync(path, cancellationToken));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<TenantTimeline>(JsonSerializerOptions.Web, cancellationToken);
    }

    public async Task<ReconciliationReport> ReconcileAsync(bool fix, CancellationToken cancellationToken)
    {
        // The worker waits up to 30 minutes for the run (a large account); the other calls keep their short timeout.
        using var patient = handler is null
            ? new HttpClient { BaseAddress = workerAddress, Timeout = TimeSpan.FromMinutes(31), DefaultRequestHeaders = { Authorization = _http.DefaultRequestHeaders.Authorization } }
            : null;
        var http = patient ?? _http;
        using var response = await CallAsync(() => http.PostAsync(fix ? "reconcile?fix=true" : "reconcile", content: null, cancellationToken));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ReconciliationReport>(JsonSerializerOptions.Web, cancellationToken))!;
    }

    public Task<object> ForgetAsync(ForgetTenant request, CancellationToken cancellationToken) =>
        AskAsync<TenantForgotten>($"tenants/{Uri.EscapeDataString(request.TenantId)}/forget", request.TenantId, cancellationToken);

    public Task<object> ResumeAsync(ResumeTenant request, CancellationToken cancellationToken) =>
        AskAsync<TenantResumed>($"tenants/{Uri.EscapeDataString(request.TenantId)}/resume"
            + (request.IdleFor is { } idle ? $"?idleForSeconds={(int)idle.TotalSeconds}" : ""), request.TenantId, cancellationToken);

    /// <summary>POST to an operator route: 200 is <typeparamref name="TDone"/>, 409 the refusal, 404 an unknown tenant.</summary>
    async Task<object> AskAsync<TDone>(string path, string tenantId, CancellationToken cancellationToken)
    {
        using var response = await CallAsync(() => _http.PostAsync(path, content: null, cancellationToken));
        return response.StatusCode switch
        {
            HttpStatusCode.OK => (await response.Content.ReadFromJsonAsync<TDone>(JsonSerializerOptions.Web, cancellationToken))!,
            HttpStatusCode.Conflict => (await response.Content.ReadFromJsonAsync<OperatorCommandRefused>(JsonSerializerOptions.Web, cancellationToken))!,
            HttpStatusCode.NotFound => new TenantNotFound { TenantId = tenantId },
            _ => throw new InvalidOperationException($"The worker at {workerAddress} answered {(int)response.StatusCode} on {path}."),
        };
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    async Task<HttpResponseMessage> CallAsync(Func<Task<HttpResponseMessage>> call)
    {
        HttpResponseMessage response;
        try
        {
            response = await call();
        }
        catch (HttpRequestException ex)
        {
            throw new TransportUnreachableException(
                $"Cannot reach the worker at {workerAddress}: {ex.Message}. Start it with `dotnet run --project src/Provisioning.Worker`, or pass --worker / --rabbitmq.", ex);
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new UsageException(_http.DefaultRequestHeaders.Authorization is null
                ? $"The worker at {workerAddress} requires its front door token: pass --token or set WFP_TOKEN."
                : $"The worker at {workerAddress} refused the token: pass its FrontDoor__Token with --token or WFP_TOKEN.");
        }

        return response;
    }

    /// <summary>The front door's answer to GET /commands/{id}: the outcome's contract name, the event and its sequence number.</summary>
    sealed record FrontDoorOutcome(string OutcomeType, JsonElement Outcome, long Sequence);
}
