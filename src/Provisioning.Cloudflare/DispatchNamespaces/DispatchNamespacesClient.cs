using System.Net.Http.Json;
using Provisioning.Cloudflare.Serialization;

namespace Provisioning.Cloudflare;

internal sealed class DispatchNamespacesClient(CloudflareConnection connection) : IDispatchNamespacesClient
{
    private static readonly CloudflareJsonContext Json = CloudflareJsonContext.Default;

    public Task<DispatchNamespace> CreateAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var request = new CloudflareRequest(HttpMethod.Post, CloudflareRoutes.DispatchNamespaces(connection.AccountId))
        {
            Content = JsonContent.Create(new DispatchNamespaceCreateRequest(name), Json.DispatchNamespaceCreateRequest),
        };
        return connection.SendAsync(request, Json.DispatchNamespace, cancellationToken);
    }

    public async Task<IReadOnlyList<DispatchNamespace>> ListAsync(CancellationToken cancellationToken)
    {
        var request = new CloudflareRequest(HttpMethod.Get, CloudflareRoutes.DispatchNamespaces(connection.AccountId));
        return await connection.SendForOptionalResultAsync(request, Json.ListDispatchNamespace, cancellationToken) ?? [];
    }

    public Task<DispatchNamespace> GetAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var request = new CloudflareRequest(HttpMethod.Get, CloudflareRoutes.DispatchNamespace(connection.AccountId, name));
        return connection.SendAsync(request, Json.DispatchNamespace, cancellationToken);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var request = new CloudflareRequest(HttpMethod.Delete, CloudflareRoutes.DispatchNamespace(connection.AccountId, name));
        return connection.SendAsync(request, cancellationToken);
    }
}
