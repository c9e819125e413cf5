using System.Net;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

public class R2BucketsClientTests
{
    public class TheCreateAsyncMethod
    {
        [Fact]
        public async Task SendsCamelCaseBodyAndTheJurisdictionHeader()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "r2-bucket.json");

            await host.Client.R2Buckets.CreateAsync(
                "tenant-123",
                new R2BucketCreateOptions { LocationHint = "weur", Jurisdiction = "eu", StorageClass = "Standard" },
                CancellationToken.None);

            var request = host.Stub.SingleRequest;
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal(CloudflareTestHost.AccountPath("r2/buckets"), request.PathAndQuery);
            JsonAssert.Equivalent("""{"name":"tenant-123","locationHint":"weur","storageClass":"Standard"}""", request.BodyText);
            Assert.Equal("eu", request.Headers["cf-r2-jurisdiction"]);
        }

        [Fact]
        public async Task SendsNoJurisdictionHeaderByDefault()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "r2-bucket.json");

            var bucket = await host.Client.R2Buckets.CreateAsync("tenant-123", null, CancellationToken.None);

            Assert.False(host.Stub.SingleRequest.Headers.ContainsKey("cf-r2-jurisdiction"));
            JsonAssert.Equivalent("""{"name":"tenant-123"}""", host.Stub.SingleRequest.BodyText);
            Assert.Equal("WEUR", bucket.Location);
            Assert.Equal("Standard", bucket.StorageClass);
            Assert.Equal("default", bucket.Jurisdiction);
        }
    }

    public class TheListAsyncMethod
    {
        [Fact]
        public async Task ReadsTheBucketsObject()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "r2-buckets.json");

            var buckets = await host.Client.R2Buckets.ListAsync(null, null, CancellationToken.None).ToListAsync();

            Assert.Equal(["tenant-123", "tenant-456"], buckets.Select(b => b.Name));
            Assert.Equal(CloudflareTestHost.AccountPath("r2/buckets"), host.Stub.SingleRequest.PathAndQuery);
        }

        [Fact]
        public async Task FollowsTheCursorAndSendsFilterAndJurisdiction()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "r2-buckets-with-cursor.json")
                .Respond(HttpStatusCode.OK, "r2-buckets.json");

            var buckets = await host.Client.R2Buckets.ListAsync("tenant", "eu", CancellationToken.None).ToListAsync();

            Assert.Equal(3, buckets.Count);
            Assert.Equal(CloudflareTestHost.AccountPath("r2/buckets?name_contains=tenant"), host.Stub.Requests[0].PathAndQuery);
            Assert.Equal(CloudflareTestHost.AccountPath("r2/buckets?name_contains=tenant&cursor=next-page-token"), host.Stub.Requests[1].PathAndQuery);
            Assert.All(host.Stub.Requests, r => Assert.Equal("eu", r.Headers["cf-r2-jurisdiction"]));
        }
    }

    public class TheGetAsyncMethod
    {
        [Fact]
        public async Task GetsTheBucketByName()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "r2-bucket.json");

            var bucket = await host.Client.R2Buckets.GetAsync("tenant-123", "eu", CancellationToken.None);

            Assert.Equal(HttpMethod.Get, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath("r2/buckets/tenant-123"), host.Stub.SingleRequest.PathAndQuery);
            Assert.Equal("eu", host.Stub.SingleRequest.Headers["cf-r2-jurisdiction"]);
            Assert.Equal(new DateTimeOffset(2026, 8, 1, 10, 0, 0, TimeSpan.Zero), bucket.CreationDate);
        }

        [Fact]
        public async Task ThrowsNotFoundAndReadsStringMessages()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.NotFound, "error-r2-bucket-not-found.json");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.R2Buckets.GetAsync("nope", null, CancellationToken.None));

            Assert.True(ex.HasErrorCode(CloudflareErrorCodes.R2BucketNotFound));
        }
    }

    public class TheDeleteAsyncMethod
    {
        [Fact]
        public async Task SendsDeleteWithTheJurisdiction()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "empty-object-result.json");

            await host.Client.R2Buckets.DeleteAsync("tenant-123", "eu", CancellationToken.None);

            Assert.Equal(HttpMethod.Delete, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath("r2/buckets/tenant-123"), host.Stub.SingleRequest.PathAndQuery);
            Assert.Equal("eu", host.Stub.SingleRequest.Headers["cf-r2-jurisdiction"]);
        }
    }

    public class TheCreateOrAdoptAsyncMethod
    {
        [Fact]
        public async Task ReturnsTheCreatedBucketWhenCreateSucceeds()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "r2-bucket.json");

            var result = await host.Client.R2Buckets.CreateOrAdoptAsync("tenant-123", null, CancellationToken.None);

            Assert.False(result.Adopted);
            Assert.Single(host.Stub.Requests);
        }

        [Fact]
        public async Task GetsTheBucketByNameWhenItExists()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.Conflict, "error-r2-bucket-exists.json")
                .Respond(HttpStatusCode.OK, "r2-bucket.json");

            var result = await host.Client.R2Buckets.CreateOrAdoptAsync(
                "tenant-123", new R2BucketCreateOptions { Jurisdiction = "eu" }, CancellationToken.None);

            Assert.True(result.Adopted);
            Assert.Equal("tenant-123", result.Resource.Name);
            var lookup = host.Stub.Requests[1];
            Assert.Equal(HttpMethod.Get, lookup.Method);
            Assert.Equal(CloudflareTestHost.AccountPath("r2/buckets/tenant-123"), lookup.PathAndQuery);
            Assert.Equal("eu", lookup.Headers["cf-r2-jurisdiction"]);
        }

        [Fact]
        public async Task RethrowsTheCreateErrorWhenTheBucketIsNotVisible()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.Conflict, "error-r2-bucket-exists.json")
                .Respond(HttpStatusCode.NotFound, "error-r2-bucket-not-found.json");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(
                () => host.Client.R2Buckets.CreateOrAdoptAsync("tenant-123", null, CancellationToken.None));

            Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
            Assert.True(ex.HasErrorCode(CloudflareErrorCodes.R2BucketExists));
        }
    }
}
