using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Provisioning.Cloudflare;
using Provisioning.Components.Steps;

namespace Provisioning.Components.Tests.Steps;

public sealed class When_a_step_meets_a_cloudflare_outage : IDisposable
{
    static readonly CloudflareApiException Unavailable = new(HttpStatusCode.ServiceUnavailable, [new CloudflareError(10002, "down")]);

    readonly FakeTimeProvider _clock = new();
    readonly CapturingLogger _logger = new();
    readonly ProvisioningMetrics _metrics = new();
    readonly CloudflareOptions _options = new()
    {
        OutagePatience = TimeSpan.FromMinutes(2),
        Retry = { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(10) },
    };

    StepPatience NewPatience() => new(
        new StepContext(_logger, _metrics, Options.Create(new ProvisioningOptions()), Options.Create(_options), _clock, contexts: null!), "UploadScript", "acme");

    [Fact]
    public async Task Should_warn_at_most_once_a_minute_and_count_every_wait()
    {
        using var waits = new OutageWaits(_metrics);
        var patience = NewPatience();

        for (var i = 0; i < 12; i++)
        {
            var wait = patience.WaitAsync(Unavailable, CancellationToken.None);
            _clock.Advance(TimeSpan.FromSeconds(10));
            await wait;
        }

        Assert.Equal(Enumerable.Repeat("503", 12), waits.Reasons);
        Assert.Equal(2, _logger.Warnings.Count);
        Assert.Contains("UploadScript for tenant acme is waiting out a Cloudflare outage (503): waited 0 s of 120 s", _logger.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("waited 60 s of 120 s", _logger.Warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_wait_until_the_open_circuit_closes()
    {
        var circuitOpen = new CloudflareApiException(0, [], retryAfter: TimeSpan.FromSeconds(7),
            innerException: new Polly.CircuitBreaker.BrokenCircuitException());

        var wait = NewPatience().WaitAsync(circuitOpen, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(6.9));
        Assert.False(wait.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        await wait;

        Assert.Contains("(circuit-open)", Assert.Single(_logger.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_give_up_naming_the_setting_once_the_patience_is_spent()
    {
        var patience = NewPatience();
        var wait = patience.WaitAsync(Unavailable, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));
        await wait;

        var ex = await Assert.ThrowsAsync<StepFailedException>(() => patience.WaitAsync(Unavailable, CancellationToken.None));

        Assert.Contains("Cloudflare stayed unavailable for 120 s, the whole Cloudflare:OutagePatience (00:02:00)", ex.Message, StringComparison.Ordinal);
        Assert.Same(Unavailable, ex.InnerException);
    }

    [Fact]
    public async Task Should_stop_waiting_at_once_when_the_delivery_is_cancelled()
    {
        using var shutdown = new CancellationTokenSource();
        var wait = NewPatience().WaitAsync(Unavailable, shutdown.Token);

        await shutdown.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData((HttpStatusCode)0, true)]
    public void Should_wait_for_transient_errors_only(HttpStatusCode status, bool outage) =>
        Assert.Equal(outage, StepPatience.IsOutage(new CloudflareApiException(status, [])));

    public void Dispose() => _metrics.Dispose();

    sealed class CapturingLogger : ILogger<StepContext>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
