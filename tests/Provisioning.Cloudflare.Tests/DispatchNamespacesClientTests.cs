using System.Net;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

public class DispatchNamespacesClientTests
{
    private const string NamespacesPath = "workers/dispatch/namespaces";

    public class TheCreateAsyncMethod
    {
        [Fact]
        public async Task SendsTheNameInBody()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "dispatch-namespace.json");

            var ns = await host.Client.DispatchNamespaces.CreateAsync("production", CancellationToken.None);

            var request = host.Stub.SingleRequest;
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal(CloudflareTestHost.AccountPath(NamespacesPath), request.PathAndQuery);
            JsonAssert.Equivalent("""{"name":"production"}""", request.BodyText);
            Assert.Equal("8f1e2d3c-4b5a-4697-8887-9a0b1c2d3e4f", ns.NamespaceId);
            Assert.Equal("production", ns.NamespaceName);
            Assert.Equal(0, ns.ScriptCount);
            Assert.False(ns.TrustedWorkers);
        }
    }

    public class TheListAsyncMethod
    {
        [Fact]
        public async Task ReturnsEveryNamespaceFromOneRequest()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "dispatch-namespaces.json");

            var namespaces = await host.Client.DispatchNamespaces.ListAsync(CancellationToken.None);

            Assert.Equal(["production", "staging"], namespaces.Select(n => n.NamespaceName));
            Assert.Equal(CloudflareTestHost.AccountPath(NamespacesPath), host.Stub.SingleRequest.PathAndQuery);
        }
    }

    public class TheGetAsyncMethod
    {
        [Fact]
        public async Task EscapesTheNameInThePath()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "dispatch-namespace.json");

            await host.Client.DispatchNamespaces.GetAsync("prod ns/1", CancellationToken.None);

            Assert.Equal(HttpMethod.Get, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath($"{NamespacesPath}/prod%20ns%2F1"), host.Stub.SingleRequest.Uri.AbsolutePath);
        }
    }

    public class TheDeleteAsyncMethod
    {
        [Fact]
        public async Task SendsDelete()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "null-result.json");

            await host.Client.DispatchNamespaces.DeleteAsync("production", CancellationToken.None);

            Assert.Equal(HttpMethod.Delete, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath($"{NamespacesPath}/production"), host.Stub.SingleRequest.PathAndQuery);
        }
    }
}
