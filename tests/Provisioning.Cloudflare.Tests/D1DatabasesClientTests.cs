using System.Net;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

public class D1DatabasesClientTests
{
    private const string DatabaseId = "6f8e3c1a-2b4d-4e5f-8a9b-0c1d2e3f4a5b";

    public class TheCreateAsyncMethod
    {
        [Fact]
        public async Task SendsNameLocationHintAndJurisdictionInBody()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "d1-database.json");

            await host.Client.D1Databases.CreateAsync(
                "tenant-123", new D1DatabaseCreateOptions { PrimaryLocationHint = "weur", Jurisdiction = "eu" }, CancellationToken.None);

            var request = host.Stub.SingleRequest;
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal(CloudflareTestHost.AccountPath("d1/database"), request.PathAndQuery);
            JsonAssert.Equivalent("""{"name":"tenant-123","primary_location_hint":"weur","jurisdiction":"eu"}""", request.BodyText);
        }

        [Fact]
        public async Task SendsOnlyTheNameWithoutOptions()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "d1-database.json");

            var database = await host.Client.D1Databases.CreateAsync("tenant-123", null, CancellationToken.None);

            JsonAssert.Equivalent("""{"name":"tenant-123"}""", host.Stub.SingleRequest.BodyText);
            Assert.Equal(DatabaseId, database.Uuid);
            Assert.Equal("tenant-123", database.Name);
            Assert.Equal("production", database.Version);
            Assert.Equal(new DateTimeOffset(2026, 8, 1, 10, 0, 0, TimeSpan.Zero), database.CreatedAt);
        }
    }

    public class TheListAsyncMethod
    {
        [Fact]
        public async Task SendsTheNameFilterAndPagingParameters()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "d1-databases.json");

            var databases = await host.Client.D1Databases.ListAsync("tenant-123", CancellationToken.None).ToListAsync();

            Assert.Equal(CloudflareTestHost.AccountPath("d1/database?name=tenant-123&page=1&per_page=100"), host.Stub.SingleRequest.PathAndQuery);
            Assert.Equal(["tenant-123-archive", "tenant-123"], databases.Select(d => d.Name));
        }

        [Fact]
        public async Task OmitsTheNameFilterWhenNull()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "d1-databases.json");

            await host.Client.D1Databases.ListAsync(null, CancellationToken.None).ToListAsync();

            Assert.Equal(CloudflareTestHost.AccountPath("d1/database?page=1&per_page=100"), host.Stub.SingleRequest.PathAndQuery);
        }
    }

    public class TheGetAsyncMethod
    {
        [Fact]
        public async Task GetsTheDatabaseById()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "d1-database.json");

            var database = await host.Client.D1Databases.GetAsync(DatabaseId, CancellationToken.None);

            Assert.Equal(HttpMethod.Get, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath($"d1/database/{DatabaseId}"), host.Stub.SingleRequest.PathAndQuery);
            Assert.Equal(0, database.NumTables);
        }

        [Fact]
        public async Task ThrowsNotFoundWithItsCode()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.NotFound, "error-d1-not-found.json");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.D1Databases.GetAsync(DatabaseId, CancellationToken.None));

            Assert.True(ex.HasErrorCode(CloudflareErrorCodes.D1DatabaseNotFound));
        }
    }

    public class TheDeleteAsyncMethod
    {
        [Fact]
        public async Task SendsDelete()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "null-result.json");

            await host.Client.D1Databases.DeleteAsync(DatabaseId, CancellationToken.None);

            Assert.Equal(HttpMethod.Delete, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath($"d1/database/{DatabaseId}"), host.Stub.SingleRequest.PathAndQuery);
        }
    }

    public class TheCreateOrAdoptAsyncMethod
    {
        [Fact]
        public async Task ReturnsTheCreatedDatabaseWhenCreateSucceeds()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "d1-database.json");

            var result = await host.Client.D1Databases.CreateOrAdoptAsync("tenant-123", null, CancellationToken.None);

            Assert.False(result.Adopted);
            Assert.Equal(DatabaseId, result.Resource.Uuid);
        }

        [Fact]
        public async Task AdoptsTheExactNameMatchWhenTheNameExists()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.BadRequest, "error-d1-name-exists.json")
                .Respond(HttpStatusCode.OK, "d1-databases.json");

            var result = await host.Client.D1Databases.CreateOrAdoptAsync("tenant-123", null, CancellationToken.None);

            Assert.True(result.Adopted);
            Assert.Equal(DatabaseId, result.Resource.Uuid);
            Assert.Equal(CloudflareTestHost.AccountPath("d1/database?name=tenant-123&page=1&per_page=100"), host.Stub.Requests[1].PathAndQuery);
        }

        [Fact]
        public async Task RethrowsTheCreateErrorWhenOnlySimilarNamesExist()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.BadRequest, "error-d1-name-exists.json")
                .Respond(HttpStatusCode.OK, "d1-databases-no-exact-match.json");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(
                () => host.Client.D1Databases.CreateOrAdoptAsync("tenant-123", null, CancellationToken.None));

            Assert.True(ex.HasErrorCode(CloudflareErrorCodes.D1DatabaseNameExists));
        }
    }
}
