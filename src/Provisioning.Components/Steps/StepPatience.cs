namespace Provisioning.Components.Steps;

/// <summary>
/// Waits out a Cloudflare outage inside one step delivery (RabbitMQ here has no delayed redelivery, so the wait cannot
/// be handed to the broker): after a transient failure (open circuit, 5xx, dropped connection, timeout, 429) the step
/// is run again after the circuit's remaining break, the <c>Retry-After</c>, or a capped back-off, until
/// <c>Cloudflare:OutagePatience</c> is spent since the first failure. Then the failure is final. One instance per delivery:
/// a redelivery (after a crash) starts with full patience.
/// </summary>
public sealed class StepPatience(StepContext step, string stepName, string tenantId)
{
    static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    // Floor of a wait, so a circuit about to close (Retry-After 0) is not hammered in a tight loop.
    static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(50);

    DateTimeOffset? _firstFailure;
    DateTimeOffset? _lastWarning;
    int _waits;

    /// <summary>An error an outage causes: worth waiting for. Permanent errors (4xx, ours) are not.</summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        CloudflareApiException cloudflare => cloudflare.IsTransient,
        HttpRequestException or TimeoutException => true,
        _ => false,
    };

    /// <summary>Waits before the next run, or throws <see cref="StepFailedException"/> once the patience is spent.</summary>
    public async Task WaitAsync(Exception failure, CancellationToken cancellationToken)
    {
        var options = step.Cloudflare;
        var now = step.Time.GetUtcNow();
        _firstFailure ??= now;
        var waited = now - _firstFailure.Value;
        var left = options.OutagePatience - waited;
        if (left <= TimeSpan.Zero)
        {
            throw new StepFailedException(
                $"Cloudflare stayed unavailable for {waited.TotalSeconds:0} s, the whole Cloudflare:OutagePatience "
                + $"({options.OutagePatience}); last error: {failure.Message}", failure);
        }

        var hint = (failure as CloudflareApiException)?.RetryAfter;
        var delay = hint ?? options.Retry.Backoff(_waits);
        delay = delay < MinimumWait ? MinimumWait : delay > left ? left : delay;
        var reason = Reason(failure);
        _waits++;
        step.Metrics.RecordOutageWait(stepName, reason);
        if (_lastWarning is null || now - _lastWarning.Value >= WarningInterval)
        {
            _lastWarning = now;
            step.Logger.LogWarning(
                "{Step} for tenant {TenantId} is waiting out a Cloudflare outage ({OutageReason}): waited {WaitedSeconds:0} s of {PatienceSeconds:0} s, next try in {DelayMs:0} ms",
                stepName, tenantId, reason, waited.TotalSeconds, options.OutagePatience.TotalSeconds, delay.TotalMilliseconds);
        }

        await Task.Delay(delay, step.Time, cancellationToken);
    }

    static string Reason(Exception failure) => failure switch
    {
        CloudflareApiException { IsCircuitOpen: true } => "circuit-open",
        CloudflareApiException { StatusCode: 0 } => "no-response",
        CloudflareApiException cloudflare => ((int)cloudflare.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "no-response",
    };
}
