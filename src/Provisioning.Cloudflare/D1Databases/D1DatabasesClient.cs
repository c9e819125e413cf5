using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Provisioning.Cloudflare.Serialization;

namespace Provisioning.Cloudflare;

internal sealed class D1DatabasesClient(CloudflareConnection connection) : ID1DatabasesClient
{
    private static readonly CloudflareJsonContext Json = CloudflareJsonContext.Default;

    public Task<D1Database> CreateAsync(string name, D1DatabaseCreateOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var body = new D1DatabaseCreateRequest(name, options?.PrimaryLocationHint, options?.Jurisdiction);
        var request = new CloudflareRequest(HttpMethod.Post, CloudflareRoutes.D1Databases(connection.AccountId))
        {
            Content = JsonContent.Create(body, Json.D1DatabaseCreateRequest),
        };
        return connection.SendAsync(request, Json.D1Database, cancellationToken);
    }

    public async IAsyncEnumerable<D1Database> ListAsync(string? nameFilter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var route = CloudflareRoutes.D1Databases(connection.AccountId).WithQuery(
                ("name", string.IsNullOrEmpty(nameFilter) ? null : nameFilter),
                ("page", page.ToString(CultureInfo.InvariantCulture)),
                ("per_page", Paging.PageSize.ToString(CultureInfo.InvariantCulture)));
            var (items, info) = await connection.SendForPageAsync(
                new CloudflareRequest(HttpMethod.Get, route), Json.ListD1Database, cancellationToken);

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

    public Task<D1Database> GetAsync(string databaseId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseId);
        var request = new CloudflareRequest(HttpMethod.Get, CloudflareRoutes.D1Database(connection.AccountId, databaseId));
        return connection.SendAsync(request, Json.D1Database, cancellationToken);
    }

    public Task DeleteAsync(string databaseId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseId);
        var request = new CloudflareRequest(HttpMethod.Delete, CloudflareRoutes.D1Database(connection.AccountId, databaseId));
        return connection.SendAsync(request, cancellationToken);
    }

    public async Task<D1Database?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        // The name filter is a search (the exact=true switch is undocumented), so compare exactly here.
        await foreach (var database in ListAsync(name, cancellationToken))
        {
            if (string.Equals(database.Name, name, StringComparison.Ordinal))
            {
                return database;
            }
        }

        return null;
    }

    public async Task<CreateOrAdoptResult<D1Database>> CreateOrAdoptAsync(
        string name, D1DatabaseCreateOptions? options, CancellationToken cancellationToken)
    {
        try
        {
            return new(await CreateAsync(name, options, cancellationToken), Adopted: false);
        }
        catch (CloudflareApiException ex) when (ex.HasErrorCode(CloudflareErrorCodes.D1DatabaseNameExists))
        {
            var existing = await FindByNameAsync(name, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return new(existing, Adopted: true);
        }
    }
}
