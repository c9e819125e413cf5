using System.Net;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

public class CloudflareConnectionTests
{
    public class TheErrorMapping
    {
        public static TheoryData<string, HttpStatusCode, int> NamedCodes => new()
        {
            { "error-kv-title-exists.json", HttpStatusCode.BadRequest, CloudflareErrorCodes.KvNamespaceTitleExists },
            { "error-kv-not-found.json", HttpStatusCode.NotFound, CloudflareErrorCodes.KvNamespaceNotFound },
            { "error-d1-name-exists.json", HttpStatusCode.BadRequest, CloudflareErrorCodes.D1DatabaseNameExists },
            { "error-d1-not-found.json", HttpStatusCode.NotFound, CloudflareErrorCodes.D1DatabaseNotFound },
            { "error-r2-bucket-exists.json", HttpStatusCode.Conflict, CloudflareErrorCodes.R2BucketExists },
            { "error-r2-bucket-not-found.json", HttpStatusCode.NotFound, CloudflareErrorCodes.R2BucketNotFound },
            { "error-script-not-found.json", HttpStatusCode.NotFound, CloudflareErrorCodes.ScriptNotFound },
            { "error-validation.json", HttpStatusCode.BadRequest, CloudflareErrorCodes.ValidationError },
            { "error-unresolved-inherit.json", HttpStatusCode.BadRequest, CloudflareErrorCodes.UnresolvedInheritBinding },
            { "error-rate-limited.json", HttpStatusCode.TooManyRequests, CloudflareErrorCodes.RateLimited },
            { "error-kv-binding-target.json", HttpStatusCode.BadRequest, CloudflareErrorCodes.KvNamespaceBindingTargetNotFound },
            { "error-r2-binding-target.json", HttpStatusCode.BadRequest, CloudflareErrorCodes.R2BucketBindingTargetNotFound },
            { "error-d1-binding-target.json", HttpStatusCode.BadRequest, CloudflareErrorCodes.D1DatabaseBindingTargetNotFound },
            { "error-dispatch-namespace-binding-target.json", HttpStatusCode.BadRequest, CloudflareErrorCodes.DispatchNamespaceBindingTargetNotFound },
            { "error-forbidden.json", HttpStatusCode.Forbidden, CloudflareErrorCodes.AuthenticationError },
            { "error-internal.json", HttpStatusCode.InternalServerError, CloudflareErrorCodes.WorkersInternalError },
        };

        [Theory]
        [MemberData(nameof(NamedCodes))]
        public async Task CarriesStatusEveryErrorAndTheRayId(string envelope, HttpStatusCode status, int code)
        {
            using var host = CloudflareTestHost.Create(o => o.Retry.MaxRetryAttempts = 0);
            host.Stub.Respond(status, envelope, ("cf-ray", "8e1f2a3b4c5d6e7f-AMS"));

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(
                () => host.Client.KvNamespaces.GetAsync("0f2ac74b498b48028cb68387c421e279", CancellationToken.None));

            Assert.Equal(status, ex.StatusCode);
            Assert.True(ex.HasErrorCode(code));
            Assert.False(ex.HasErrorCode(code + 1));
            Assert.Equal("8e1f2a3b4c5d6e7f-AMS", ex.RayId);
            Assert.NotEmpty(ex.Errors);
            Assert.All(ex.Errors, e => Assert.Contains(e.Message, ex.Message, StringComparison.Ordinal));
            Assert.Contains($"[{code}]", ex.Message, StringComparison.Ordinal);
            Assert.Contains("8e1f2a3b4c5d6e7f-AMS", ex.Message, StringComparison.Ordinal);
            Assert.Equal((int)status is 429 or >= 500, ex.IsTransient);
        }

        [Fact]
        public async Task KeepsTheDocumentationUrl()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.Forbidden, "error-forbidden.json");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(CancellationToken.None));

            Assert.Equal("https://developers.cloudflare.com/api/resources/kv/", Assert.Single(ex.Errors).DocumentationUrl);
        }

        [Fact]
        public async Task DescribesANonJsonErrorBody()
        {
            using var host = CloudflareTestHost.Create(o => o.Retry.MaxRetryAttempts = 0);
            host.Stub.Respond(HttpStatusCode.BadGateway, "error-bad-gateway.html", ("cf-ray", "7d6c5b4a39281706-LHR"));

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(CancellationToken.None));

            Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
            Assert.Empty(ex.Errors);
            Assert.True(ex.IsTransient);
            Assert.Equal("7d6c5b4a39281706-LHR", ex.RayId);
            Assert.Contains("502 Bad Gateway", ex.Message, StringComparison.Ordinal);
            Assert.Contains("text/html", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"GET accounts/{CloudflareTestHost.AccountId}/workers/dispatch/namespaces", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task TreatsSuccessFalseAsAnErrorEvenWithStatus200()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "error-validation.json");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(CancellationToken.None));

            Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
            Assert.Equal(2, ex.Errors.Count);
        }

        [Fact]
        public async Task RejectsA200ThatIsNotAnEnvelope()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "error-bad-gateway.html");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(CancellationToken.None));

            Assert.Contains("malformed response", ex.Message, StringComparison.Ordinal);
            Assert.False(ex.IsTransient);
        }

        [Fact]
        public async Task RejectsAResultOfTheWrongShape()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "tags.json");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(
                () => host.Client.KvNamespaces.GetAsync("0f2ac74b498b48028cb68387c421e279", CancellationToken.None));

            Assert.Contains("malformed response", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task TurnsADroppedConnectionIntoATransientErrorWithoutStatus()
        {
            using var host = CloudflareTestHost.Create(o => o.Retry.MaxRetryAttempts = 0);
            host.Stub.Throw(new HttpRequestException("The response ended prematurely."));

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.DispatchNamespaces.ListAsync(CancellationToken.None));

            Assert.Equal((HttpStatusCode)0, ex.StatusCode);
            Assert.True(ex.IsTransient);
            Assert.IsType<HttpRequestException>(ex.InnerException);
            Assert.Contains("no response", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task LetsTheCallersCancellationThrough()
        {
            using var host = CloudflareTestHost.Create();
            using var cancellation = new CancellationTokenSource();
            host.Stub.RespondAsync(async (_, token) =>
            {
                await cancellation.CancelAsync();
                token.ThrowIfCancellationRequested();
                return new HttpResponseMessage(HttpStatusCode.OK);
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.DispatchNamespaces.ListAsync(cancellation.Token));
        }
    }

    public class TheExceptionType
    {
        [Theory]
        [InlineData(0, true)]
        [InlineData(400, false)]
        [InlineData(404, false)]
        [InlineData(409, false)]
        [InlineData(429, true)]
        [InlineData(500, true)]
        [InlineData(503, true)]
        public void IsTransientOnlyForNoAnswer429And5xx(int status, bool transient)
        {
            var ex = new CloudflareApiException((HttpStatusCode)status, [new CloudflareError(10000, "x")]);

            Assert.Equal(transient, ex.IsTransient);
        }

        [Fact]
        public void CanBeBuiltByTestDoublesOfOtherProjects()
        {
            var ex = new CloudflareApiException(HttpStatusCode.BadRequest, [new CloudflareError(CloudflareErrorCodes.KvNamespaceTitleExists, "exists")], "ray-1");

            Assert.True(ex.HasErrorCode(CloudflareErrorCodes.KvNamespaceTitleExists));
            Assert.Equal("ray-1", ex.RayId);
        }
    }
}
