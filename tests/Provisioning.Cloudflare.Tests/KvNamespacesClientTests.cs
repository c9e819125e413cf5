using System.Net;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

public class KvNamespacesClientTests
{
    private const string NamespacesPath = "storage/kv/namespaces";

    public class TheCreateAsyncMethod
    {
        [Fact]
        public async Task SendsTitleInBody()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "kv-namespace.json");

            await host.Client.KvNamespaces.CreateAsync("tenant-123", CancellationToken.None);

            var request = host.Stub.SingleRequest;
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal(CloudflareTestHost.AccountPath(NamespacesPath), request.PathAndQuery);
            Assert.Equal("application/json", request.ContentType);
            JsonAssert.Equivalent("""{"title":"tenant-123"}""", request.BodyText);
        }

        [Fact]
        public async Task SendsTheBearerToken()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "kv-namespace.json");

            await host.Client.KvNamespaces.CreateAsync("tenant-123", CancellationToken.None);

            Assert.Equal($"Bearer {CloudflareTestHost.ApiToken}", host.Stub.SingleRequest.Headers["Authorization"]);
        }

        [Fact]
        public async Task ParsesTheNamespace()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "kv-namespace.json");

            var ns = await host.Client.KvNamespaces.CreateAsync("tenant-123", CancellationToken.None);

            Assert.Equal("0f2ac74b498b48028cb68387c421e279", ns.Id);
            Assert.Equal("tenant-123", ns.Title);
            Assert.True(ns.SupportsUrlEncoding);
        }

        [Fact]
        public async Task ThrowsWithCodeAndRayIdWhenTheTitleExists()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.BadRequest, "error-kv-title-exists.json", ("cf-ray", "8e1f2a3b4c5d6e7f-AMS"));

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(
                () => host.Client.KvNamespaces.CreateAsync("tenant-123", CancellationToken.None));

            Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
            Assert.True(ex.HasErrorCode(CloudflareErrorCodes.KvNamespaceTitleExists));
            Assert.Equal("8e1f2a3b4c5d6e7f-AMS", ex.RayId);
            Assert.False(ex.IsTransient);
        }

        [Fact]
        public async Task RejectsAnEmptyTitleWithoutCalling()
        {
            using var host = CloudflareTestHost.Create();

            await Assert.ThrowsAsync<ArgumentException>(() => host.Client.KvNamespaces.CreateAsync(" ", CancellationToken.None));

            Assert.Empty(host.Stub.Requests);
        }
    }

    public class TheListAsyncMethod
    {
        [Fact]
        public async Task RequestsPagesUntilAShortPage()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "kv-namespaces-page-1.json")
                .Respond(HttpStatusCode.OK, "kv-namespaces-page-2.json")
                .Respond(HttpStatusCode.OK, "kv-namespaces-page-3.json");

            var titles = await host.Client.KvNamespaces.ListAsync(CancellationToken.None).Select(n => n.Title).ToListAsync();

            Assert.Equal(["tenant-a", "tenant-b", "tenant-c", "tenant-123", "tenant-e"], titles);
            Assert.Equal(
                new[] { 1, 2, 3 }.Select(p => CloudflareTestHost.AccountPath($"{NamespacesPath}?page={p}&per_page=100")),
                host.Stub.Requests.Select(r => r.PathAndQuery));
        }

        [Fact]
        public async Task StopsOnAnEmptyPage()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "kv-namespaces-full-page-no-total.json")
                .Respond(HttpStatusCode.OK, "kv-namespaces-empty-page.json");

            var namespaces = await host.Client.KvNamespaces.ListAsync(CancellationToken.None).ToListAsync();

            Assert.Equal(2, namespaces.Count);
            Assert.Equal(2, host.Stub.Requests.Count);
        }

        [Fact]
        public async Task StopsOnThePageThatReachesTheTotalCount()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "kv-namespaces-page-1.json")
                .Respond(HttpStatusCode.OK, "kv-namespaces-last-full-page.json");

            var namespaces = await host.Client.KvNamespaces.ListAsync(CancellationToken.None).ToListAsync();

            Assert.Equal(4, namespaces.Count);
            Assert.Equal(2, host.Stub.Requests.Count);
        }

        [Fact]
        public async Task RequestsTheNextPageOnlyWhenEnumerated()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "kv-namespaces-page-1.json")
                .Respond(HttpStatusCode.OK, "kv-namespaces-page-2.json");

            var firstTwo = await host.Client.KvNamespaces.ListAsync(CancellationToken.None).Take(2).ToListAsync();

            Assert.Equal(2, firstTwo.Count);
            Assert.Single(host.Stub.Requests);
        }
    }

    public class TheGetAsyncMethod
    {
        [Fact]
        public async Task GetsTheNamespaceById()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "kv-namespace.json");

            var ns = await host.Client.KvNamespaces.GetAsync("0f2ac74b498b48028cb68387c421e279", CancellationToken.None);

            Assert.Equal(HttpMethod.Get, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath($"{NamespacesPath}/0f2ac74b498b48028cb68387c421e279"), host.Stub.SingleRequest.PathAndQuery);
            Assert.Empty(host.Stub.SingleRequest.Body);
            Assert.Equal("tenant-123", ns.Title);
        }

        [Fact]
        public async Task ThrowsNotFoundWithItsCode()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.NotFound, "error-kv-not-found.json");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(
                () => host.Client.KvNamespaces.GetAsync("0f2ac74b498b48028cb68387c421e279", CancellationToken.None));

            Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
            Assert.True(ex.HasErrorCode(CloudflareErrorCodes.KvNamespaceNotFound));
        }
    }

    public class TheRenameAsyncMethod
    {
        [Fact]
        public async Task SendsPutWithTheNewTitle()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "kv-namespace-renamed.json");

            var ns = await host.Client.KvNamespaces.RenameAsync("0f2ac74b498b48028cb68387c421e279", "tenant-123-renamed", CancellationToken.None);

            var request = host.Stub.SingleRequest;
            Assert.Equal(HttpMethod.Put, request.Method);
            Assert.Equal(CloudflareTestHost.AccountPath($"{NamespacesPath}/0f2ac74b498b48028cb68387c421e279"), request.PathAndQuery);
            JsonAssert.Equivalent("""{"title":"tenant-123-renamed"}""", request.BodyText);
            Assert.Equal("tenant-123-renamed", ns.Title);
        }

        [Theory]
        [InlineData("null-result.json")]
        [InlineData("empty-object-result.json")]
        public async Task ReturnsTheRenamedNamespaceWhenCloudflareAnswersNoResult(string envelope)
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, envelope);

            var ns = await host.Client.KvNamespaces.RenameAsync("0f2ac74b498b48028cb68387c421e279", "new-title", CancellationToken.None);

            Assert.Equal("0f2ac74b498b48028cb68387c421e279", ns.Id);
            Assert.Equal("new-title", ns.Title);
        }
    }

    public class TheDeleteAsyncMethod
    {
        [Theory]
        [InlineData("null-result.json")]
        [InlineData("empty-object-result.json")]
        public async Task SendsDelete(string envelope)
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, envelope);

            await host.Client.KvNamespaces.DeleteAsync("0f2ac74b498b48028cb68387c421e279", CancellationToken.None);

            Assert.Equal(HttpMethod.Delete, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath($"{NamespacesPath}/0f2ac74b498b48028cb68387c421e279"), host.Stub.SingleRequest.PathAndQuery);
        }
    }

    public class TheFindByTitleAsyncMethod
    {
        [Fact]
        public async Task ReturnsNullWhenNoTitleMatchesExactly()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "kv-namespaces-page-1.json")
                .Respond(HttpStatusCode.OK, "kv-namespaces-page-2.json")
                .Respond(HttpStatusCode.OK, "kv-namespaces-page-3.json");

            Assert.Null(await host.Client.KvNamespaces.FindByTitleAsync("TENANT-123", CancellationToken.None));
        }
    }

    public class TheCreateOrAdoptAsyncMethod
    {
        [Fact]
        public async Task ReturnsTheCreatedNamespaceWhenCreateSucceeds()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "kv-namespace.json");

            var result = await host.Client.KvNamespaces.CreateOrAdoptAsync("tenant-123", CancellationToken.None);

            Assert.False(result.Adopted);
            Assert.Equal("0f2ac74b498b48028cb68387c421e279", result.Resource.Id);
            Assert.Single(host.Stub.Requests);
        }

        [Fact]
        public async Task AdoptsTheNamespaceWithThatTitleWhenTheTitleExists()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.BadRequest, "error-kv-title-exists.json")
                .Respond(HttpStatusCode.OK, "kv-namespaces-page-1.json")
                .Respond(HttpStatusCode.OK, "kv-namespaces-page-2.json");

            var result = await host.Client.KvNamespaces.CreateOrAdoptAsync("tenant-123", CancellationToken.None);

            Assert.True(result.Adopted);
            Assert.Equal("aa000000000000000000000000000004", result.Resource.Id);
            Assert.Equal([HttpMethod.Post, HttpMethod.Get, HttpMethod.Get], host.Stub.Requests.Select(r => r.Method));
        }

        [Fact]
        public async Task RethrowsTheCreateErrorWhenTheLookupFindsNothing()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.BadRequest, "error-kv-title-exists.json")
                .Respond(HttpStatusCode.OK, "kv-namespaces-page-1.json")
                .Respond(HttpStatusCode.OK, "kv-namespaces-page-2.json")
                .Respond(HttpStatusCode.OK, "kv-namespaces-page-3.json");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(
                () => host.Client.KvNamespaces.CreateOrAdoptAsync("tenant-gone", CancellationToken.None));

            Assert.True(ex.HasErrorCode(CloudflareErrorCodes.KvNamespaceTitleExists));
            Assert.Equal(4, host.Stub.Requests.Count);
        }

        [Fact]
        public async Task DoesNotLookUpOnOtherErrors()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.Forbidden, "error-forbidden.json");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(
                () => host.Client.KvNamespaces.CreateOrAdoptAsync("tenant-123", CancellationToken.None));

            Assert.True(ex.HasErrorCode(CloudflareErrorCodes.AuthenticationError));
            Assert.Single(host.Stub.Requests);
        }
    }
}
