namespace Provisioning.Cloudflare;

/// <summary>R2 buckets. A bucket in a jurisdiction is only visible to calls that pass the same jurisdiction.</summary>
public interface IR2BucketsClient
{
    /// <summary><c>POST accounts/{account_id}/r2/buckets</c>: creates a bucket. A taken name fails with 409 / <see cref="CloudflareErrorCodes.R2BucketExists"/>.</summary>
    /// <param name="name">The bucket name (3–63 lowercase letters, digits and hyphens).</param>
    /// <param name="options">Location hint, jurisdiction (<c>cf-r2-jurisdiction</c> header) and storage class, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<R2Bucket> CreateAsync(string name, R2BucketCreateOptions? options, CancellationToken cancellationToken);

    /// <summary><c>GET accounts/{account_id}/r2/buckets</c>: every bucket, following <c>result_info.cursor</c>.</summary>
    /// <param name="nameContains">Only buckets whose name contains this, or null.</param>
    /// <param name="jurisdiction">The jurisdiction to list, or null for the default.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<R2Bucket> ListAsync(string? nameContains, string? jurisdiction, CancellationToken cancellationToken);

    /// <summary><c>GET accounts/{account_id}/r2/buckets/{bucket_name}</c>.</summary>
    /// <param name="name">The bucket name.</param>
    /// <param name="jurisdiction">The bucket's jurisdiction, or null for the default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<R2Bucket> GetAsync(string name, string? jurisdiction, CancellationToken cancellationToken);

    /// <summary><c>DELETE accounts/{account_id}/r2/buckets/{bucket_name}</c>.</summary>
    /// <param name="name">The bucket name.</param>
    /// <param name="jurisdiction">The bucket's jurisdiction, or null for the default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteAsync(string name, string? jurisdiction, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the bucket; when it exists (10004) gets it by name and returns it with
    /// <see cref="CreateOrAdoptResult{T}.Adopted"/> = true. If the lookup finds nothing, the original error is rethrown.
    /// </summary>
    /// <param name="name">The bucket name.</param>
    /// <param name="options">Location hint, jurisdiction and storage class, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<CreateOrAdoptResult<R2Bucket>> CreateOrAdoptAsync(string name, R2BucketCreateOptions? options, CancellationToken cancellationToken);
}
