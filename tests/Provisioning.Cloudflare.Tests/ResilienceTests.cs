using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

/// <summary>The retry pipeline, driven by the fake clock: no test waits on wall time.</summary>
public class ResilienceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public class TheRetryStrategy
    {
        [Fact]
        public async Task WaitsExactlyRetryAfterSecondsAfterA429()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.TooManyRequests, "error-rate-limited.json", ("Retry-After", "7"))
                .Respond(HttpStatusCode.OK, "dispatch-namespaces.json");

            var call = host.Client.DispatchNamespaces.ListAsync(host.Token);
            await host.Clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(7));
            Assert.Single(host.Stub.Requests);

            host.Clock.Advance(TimeSpan.FromSeconds(7));
            var namespaces = await call.WaitAsync(Patience);

            Assert.Equal(2, namespaces.Count);
            Assert.Equal(2, host.Stub.Requests.Count);
            Assert.Equal(TimeSpan.FromSeconds(7), host.Stub.Requests[1].SentAt - host.Stub.Requests[0].SentAt);
        }

        [Fact]
        public async Task HonoursRetryAfterGivenAsAnHttpDate()
        {
            using var host = CloudflareTestHost.Create();
            var date = TestClock.StartTime.AddSeconds(12).ToString("R", CultureInfo.InvariantCulture);
            host.Stub.Respond(HttpStatusCode.TooManyRequests, "error-rate-limited.json", ("Retry-After", date))
                .Respond(HttpStatusCode.OK, "dispatch-namespaces.json");

            var call = host.Client.DispatchNamespaces.ListAsync(host.Token);
            await host.Clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(12));
            host.Clock.Advance(TimeSpan.FromSeconds(12));
            await call.WaitAsync(Patience);

            Assert.Equal(TimeSpan.FromSeconds(12), host.Stub.Requests[1].SentAt - host.Stub.Requests[0].SentAt);
        }

        [Fact]
        public async Task GivesUpAtOnceWhenRetryAfterExceedsTheMaximum()
        {
            using var host = CloudflareTestHost.Create(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(60));
            host.Stub.Respond(HttpStatusCode.TooManyRequests, "error-rate-limited.json", ("Retry-After", "300"));

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(host.Token));

            Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(300), ex.RetryAfter);
            Assert.True(ex.IsTransient);
            Assert.True(ex.HasErrorCode(CloudflareErrorCodes.RateLimited));
            Assert.Single(host.Stub.Requests);
            Assert.Equal(TimeSpan.Zero, host.Clock.Elapsed);
        }

        [Fact]
        public async Task RetriesA500AndLogsAWarningWithRouteStatusAndRayId()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.InternalServerError, "error-internal.json", ("cf-ray", "5a4b3c2d1e0f9a8b-SJC"))
                .Respond(HttpStatusCode.OK, "kv-namespace.json");

            var ns = await host.Client.KvNamespaces.GetAsync("0f2ac74b498b48028cb68387c421e279", host.Token).WaitAsync(Patience);

            Assert.Equal("tenant-123", ns.Title);
            Assert.Equal(2, host.Stub.Requests.Count);
            var warning = Assert.Single(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category.StartsWith("Provisioning.Cloudflare", StringComparison.Ordinal));
            Assert.Equal("GET", warning.Property("HttpMethod"));
            Assert.Equal("accounts/{account_id}/storage/kv/namespaces/{namespace_id}", warning.Property("CloudflareRoute"));
            Assert.Equal(500, warning.Property("StatusCode"));
            Assert.Equal("5a4b3c2d1e0f9a8b-SJC", warning.Property("CloudflareRayId"));
        }

        [Fact]
        public async Task RetriesADroppedConnection()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Throw(new HttpRequestException("Connection reset by peer"))
                .Respond(HttpStatusCode.OK, "dispatch-namespaces.json");

            await host.Client.DispatchNamespaces.ListAsync(host.Token).WaitAsync(Patience);

            Assert.Equal(2, host.Stub.Requests.Count);
        }

        [Fact]
        public async Task RetriesAnAttemptThatTimesOut()
        {
            using var host = CloudflareTestHost.Create(o => o.Timeout = TimeSpan.FromSeconds(10));
            host.Stub.RespondAsync(async (_, token) =>
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, token);
                    throw new InvalidOperationException("unreachable");
                })
                .Respond(HttpStatusCode.OK, "dispatch-namespaces.json");

            var call = host.Client.DispatchNamespaces.ListAsync(host.Token);
            await host.Clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(10));
            await host.Stub.WaitForRequestsAsync(1);
            host.Clock.Advance(TimeSpan.FromSeconds(10));
            await call.WaitAsync(Patience);

            Assert.Equal(2, host.Stub.Requests.Count);
        }

        [Fact]
        public async Task DoesNotRetryA400()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.BadRequest, "error-kv-title-exists.json");

            await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.KvNamespaces.CreateAsync("tenant-123", host.Token));

            Assert.Single(host.Stub.Requests);
        }

        [Fact]
        public async Task StopsAfterMaxRetryAttempts()
        {
            using var host = CloudflareTestHost.Create(o => o.Retry.MaxRetryAttempts = 3);
            host.Stub.Fallback = _ => StubHttpMessageHandler.Envelope(HttpStatusCode.ServiceUnavailable, "error-internal.json");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(host.Token));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
            Assert.Equal(4, host.Stub.Requests.Count);
        }

        [Fact]
        public async Task ResendsTheSameBodyOnEveryAttempt()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.BadGateway, "error-bad-gateway.html")
                .Respond(HttpStatusCode.OK, "script-uploaded.json");

            await host.Client.Scripts.UploadAsync(
                "production",
                "tenant-123",
                new WorkerScriptUpload { MainModule = "index.js", Modules = [WorkerModule.EsModule("index.js", "export default {};")] },
                CancellationToken.None).WaitAsync(Patience);

            Assert.Equal(host.Stub.Requests[0].Body, host.Stub.Requests[1].Body);
            Assert.Equal(2, host.Stub.Requests[1].Parts.Count);
        }
    }

    public class TheCircuitBreaker
    {
        [Fact]
        public async Task OpensAfterRepeatedServerErrorsAndFailsFastWithoutCalling()
        {
            using var host = CloudflareTestHost.Create(o =>
            {
                o.Retry.MaxRetryAttempts = 0;
                o.CircuitBreaker.MinimumThroughput = 2;
                o.CircuitBreaker.FailureRatio = 0.5;
            });
            host.Stub.Fallback = _ => StubHttpMessageHandler.Envelope(HttpStatusCode.InternalServerError, "error-internal.json");

            await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(host.Token));
            await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(host.Token));
            var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(host.Token));

            Assert.Equal((HttpStatusCode)0, ex.StatusCode);
            Assert.True(ex.IsTransient);
            Assert.Equal(2, host.Stub.Requests.Count);
        }

        [Fact]
        public async Task SaysWhenTheOpenCircuitClosesAgain()
        {
            using var host = CloudflareTestHost.Create(o =>
            {
                o.Retry.MaxRetryAttempts = 0;
                o.CircuitBreaker.MinimumThroughput = 2;
                o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(15);
            });
            host.Stub.Fallback = _ => StubHttpMessageHandler.Envelope(HttpStatusCode.InternalServerError, "error-internal.json");
            await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(host.Token));
            var served = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(host.Token));
            host.Clock.Advance(TimeSpan.FromSeconds(5));

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(host.Token));

            Assert.False(served.IsCircuitOpen);
            Assert.True(ex.IsCircuitOpen);
            Assert.Equal(TimeSpan.FromSeconds(10), ex.RetryAfter);
        }

        [Fact]
        public async Task IgnoresRateLimiting()
        {
            using var host = CloudflareTestHost.Create(o =>
            {
                o.Retry.MaxRetryAttempts = 0;
                o.CircuitBreaker.MinimumThroughput = 2;
            });
            host.Stub.Respond(HttpStatusCode.TooManyRequests, "error-rate-limited.json", ("Retry-After", "1"))
                .Respond(HttpStatusCode.TooManyRequests, "error-rate-limited.json", ("Retry-After", "1"))
                .Respond(HttpStatusCode.OK, "dispatch-namespaces.json");

            await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(host.Token));
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(host.Token));
            host.Clock.Advance(TimeSpan.FromSeconds(1));

            Assert.Equal(2, (await host.Client.DispatchNamespaces.ListAsync(host.Token).WaitAsync(Patience)).Count);
        }
    }
}
