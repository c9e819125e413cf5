using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.CloudflareEmulator.Api;

internal sealed record FaultOutcome(int? Status, int Code, string Message, int LatencyMs, bool DropConnection, int? RetryAfterSeconds);

/// <summary>Faults registered through the admin API; each match consumes one of its <c>count</c>.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<RegisteredFault> _faults = [];

    public string Add(FaultRequest request)
    {
        var id = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _faults.Add(new RegisteredFault(id, request) { Remaining = request.Count });
        }

        return id;
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _faults.RemoveAll(f => f.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    public IReadOnlyList<FaultState> Snapshot()
    {
        lock (_gate)
        {
            return _faults.Select(f => new FaultState(f.Id, f.Request, f.Remaining)).ToList();
        }
    }

    public FaultOutcome? Match(string operation, string pathAndQuery)
    {
        lock (_gate)
        {
            foreach (var fault in _faults)
            {
                var request = fault.Request;
                if (request.Operation is not null && !string.Equals(request.Operation, operation, StringComparison.Ordinal))
                {
                    continue;
                }

                if (request.PathContains is not null && !pathAndQuery.Contains(request.PathContains, StringComparison.Ordinal))
                {
                    continue;
                }

                if (fault.Remaining is <= 0)
                {
                    continue;
                }

                var probability = request.Probability ?? 1.0;
#pragma warning disable CA5394 // Fault probability is test control, not security.
                if (probability < 1.0 && Random.Shared.NextDouble() >= probability)
#pragma warning restore CA5394
                {
                    continue;
                }

                fault.Remaining--;
                if (fault.Remaining == 0)
                {
                    _faults.Remove(fault);
                }

                var status = request.Status is > 0 ? request.Status : null;
                return new FaultOutcome(
                    status,
                    request.Code ?? ErrorCodes.WorkersInternal,
                    request.Message ?? "Injected fault",
                    request.LatencyMs ?? 0,
                    request.DropConnection ?? false,
                    // Cloudflare answers every 429 with Retry-After (docs/emulator.md); an injected one must too.
                    request.RetryAfterSeconds ?? (status == 429 ? 1 : null));
            }

            return null;
        }
    }

    private sealed class RegisteredFault(string id, FaultRequest request)
    {
        public string Id { get; } = id;
        public FaultRequest Request { get; } = request;
        public int? Remaining { get; set; }
    }
}
