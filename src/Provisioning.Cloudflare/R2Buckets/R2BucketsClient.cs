using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Provisioning.Cloudflare.Serialization;

namespace Provisioning.Cloudflare;

internal sealed class R2BucketsClient(CloudflareConnection connection) : IR2BucketsClient
{
    private const string JurisdictionHeader = "cf-r2-jurisdiction";
    private static readonly CloudflareJsonContext Json = CloudflareJsonContext.Default;

    public Task<R2Bucket> CreateAsync(string name, R2BucketCreateOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var body = new R2BucketCreateRequest(name, options?.LocationHint, options?.StorageClass);
        var request = new CloudflareRequest(HttpMethod.Post, CloudflareRoutes.R2Buckets(connection.AccountId))
        {
            Content = JsonContent.Create(body, Json.R2BucketCreateRequest),
            Headers = JurisdictionHeaders(options?.Jurisdiction),
        };
        return connection.SendAsync(request, Json.R2Bucket, cancellationToken);
    }

    public async IAsyncEnumerable<R2Bucket> ListAsync(
        string? nameContains, string? jurisdiction, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var route = CloudflareRoutes.R2Buckets(connection.AccountId).WithQuery(
                ("name_contains", string.IsNullOrEmpty(nameContains) ? null : nameContains),
                ("cursor", cursor));
            var request = new CloudflareRequest(HttpMethod.Get, route) { Headers = JurisdictionHeaders(jurisdiction) };

            // The result is {"buckets": [...]}, not an array (the 2024 spec is wrong there).
            var (list, info) = await connection.SendForPageAsync(request, Json.R2BucketList, cancellationToken);
            var buckets = list.Buckets ?? [];
            foreach (var bucket in buckets)
            {
                yield return bucket;
            }

            cursor = buckets.Count > 0 && !string.IsNullOrEmpty(info?.Cursor) ? info.Cursor : null;
        }
        while (cursor is not null);
    }

    public Task<R2Bucket> GetAsync(string name, string? jurisdiction, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var request = new CloudflareRequest(HttpMethod.Get, CloudflareRoutes.R2Bucket(connection.AccountId, name))
        {
            Headers = JurisdictionHeaders(jurisdiction),
        };
        return connection.SendAsync(request, Json.R2Bucket, cancellationToken);
    }

    public Task DeleteAsync(string name, string? jurisdiction, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var request = new CloudflareRequest(HttpMethod.Delete, CloudflareRoutes.R2Bucket(connection.AccountId, name))
        {
            Headers = JurisdictionHeaders(jurisdiction),
        };
        return connection.SendAsync(request, cancellationToken);
    }

    public async Task<CreateOrAdoptResult<R2Bucket>> CreateOrAdoptAsync(
        string name, R2BucketCreateOptions? options, CancellationToken cancellationToken)
    {
        try
        {
            return new(await CreateAsync(name, options, cancellationToken), Adopted: false);
        }
        catch (CloudflareApiException ex) when (ex.HasErrorCode(CloudflareErrorCodes.R2BucketExists))
        {
            // "Exists" but not visible to us (another account owns the name): the create error is the real answer.
            var existing = await FindAsync(name, options?.Jurisdiction, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return new(existing, Adopted: true);
        }
    }

    private async Task<R2Bucket?> FindAsync(string name, string? jurisdiction, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(name, jurisdiction, cancellationToken);
        }
        catch (CloudflareApiException ex)
            when (ex.StatusCode == HttpStatusCode.NotFound || ex.HasErrorCode(CloudflareErrorCodes.R2BucketNotFound))
        {
            return null;
        }
    }

    private static KeyValuePair<string, string>[] JurisdictionHeaders(string? jurisdiction) =>
        string.IsNullOrEmpty(jurisdiction) ? [] : [new(JurisdictionHeader, jurisdiction)];
}
