using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Provisioning.Cloudflare.Serialization;

namespace Provisioning.Cloudflare;

internal sealed class KvNamespacesClient(CloudflareConnection connection) : IKvNamespacesClient
{
    private static readonly CloudflareJsonContext Json = CloudflareJsonContext.Default;

    public Task<KvNamespace> CreateAsync(string title, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var request = new CloudflareRequest(HttpMethod.Post, CloudflareRoutes.KvNamespaces(connection.AccountId))
        {
            Content = JsonContent.Create(new KvNamespaceTitleRequest(title), Json.KvNamespaceTitleRequest),
        };
        return connection.SendAsync(request, Json.KvNamespace, cancellationToken);
    }

    public async IAsyncEnumerable<KvNamespace> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var route = CloudflareRoutes.KvNamespaces(connection.AccountId).WithQuery(
                ("page", page.ToString(CultureInfo.InvariantCulture)),
                ("per_page", Paging.PageSize.ToString(CultureInfo.InvariantCulture)));
            var (items, info) = await connection.SendForPageAsync(
                new CloudflareRequest(HttpMethod.Get, route), Json.ListKvNamespace, cancellationToken);

            foreach (var item in items)
            {
                yield return item;
            }

            if (Paging.IsLastPage(page, items.Count, info))
            {
                yield break;
            }
        }
    }

    public Task<KvNamespace> GetAsync(string namespaceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaceId);
        var request = new CloudflareRequest(HttpMethod.Get, CloudflareRoutes.KvNamespace(connection.AccountId, namespaceId));
        return connection.SendAsync(request, Json.KvNamespace, cancellationToken);
    }

    public async Task<KvNamespace> RenameAsync(string namespaceId, string title, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var request = new CloudflareRequest(HttpMethod.Put, CloudflareRoutes.KvNamespace(connection.AccountId, namespaceId))
        {
            Content = JsonContent.Create(new KvNamespaceTitleRequest(title), Json.KvNamespaceTitleRequest),
        };

        // The 2024 spec answers "no result" (null or {}); SDK 7.1 types the result as the namespace.
        var renamed = await connection.SendForOptionalResultAsync(request, Json.JsonElement, cancellationToken);
        if (renamed.ValueKind == JsonValueKind.Object && renamed.TryGetProperty("id", out _))
        {
            return JsonSerializer.Deserialize(renamed, Json.KvNamespace)!;
        }

        return new KvNamespace { Id = namespaceId, Title = title };
    }

    public Task DeleteAsync(string namespaceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaceId);
        var request = new CloudflareRequest(HttpMethod.Delete, CloudflareRoutes.KvNamespace(connection.AccountId, namespaceId));
        return connection.SendAsync(request, cancellationToken);
    }

    public async Task<KvNamespace?> FindByTitleAsync(string title, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        await foreach (var ns in ListAsync(cancellationToken))
        {
            if (string.Equals(ns.Title, title, StringComparison.Ordinal))
            {
                return ns;
            }
        }

        return null;
    }

    public async Task<CreateOrAdoptResult<KvNamespace>> CreateOrAdoptAsync(string title, CancellationToken cancellationToken)
    {
        try
        {
            return new(await CreateAsync(title, cancellationToken), Adopted: false);
        }
        catch (CloudflareApiException ex) when (ex.HasErrorCode(CloudflareErrorCodes.KvNamespaceTitleExists))
        {
            var existing = await FindByTitleAsync(title, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return new(existing, Adopted: true);
        }
    }
}
