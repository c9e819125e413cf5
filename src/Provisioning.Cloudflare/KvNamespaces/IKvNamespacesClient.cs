namespace Provisioning.Cloudflare;

/// <summary>Workers KV namespaces.</summary>
public interface IKvNamespacesClient
{
    /// <summary><c>POST accounts/{account_id}/storage/kv/namespaces</c>: creates a namespace. A taken title fails with 400 / <see cref="CloudflareErrorCodes.KvNamespaceTitleExists"/>.</summary>
    /// <param name="title">The title, unique within the account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<KvNamespace> CreateAsync(string title, CancellationToken cancellationToken);

    /// <summary><c>GET accounts/{account_id}/storage/kv/namespaces?page=&amp;per_page=</c>: every namespace, page by page until an empty or short page.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<KvNamespace> ListAsync(CancellationToken cancellationToken);

    /// <summary><c>GET accounts/{account_id}/storage/kv/namespaces/{namespace_id}</c>.</summary>
    /// <param name="namespaceId">The namespace id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<KvNamespace> GetAsync(string namespaceId, CancellationToken cancellationToken);

    /// <summary>
    /// <c>PUT accounts/{account_id}/storage/kv/namespaces/{namespace_id}</c>: renames a namespace. Returns Cloudflare's
    /// result, or (older API versions answer no result) the namespace with its new title.
    /// </summary>
    /// <param name="namespaceId">The namespace id.</param>
    /// <param name="title">The new title.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<KvNamespace> RenameAsync(string namespaceId, string title, CancellationToken cancellationToken);

    /// <summary><c>DELETE accounts/{account_id}/storage/kv/namespaces/{namespace_id}</c>.</summary>
    /// <param name="namespaceId">The namespace id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteAsync(string namespaceId, CancellationToken cancellationToken);

    /// <summary>Lists every page (there is no server-side title filter) and returns the namespace with exactly this title, or null.</summary>
    /// <param name="title">The title.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<KvNamespace?> FindByTitleAsync(string title, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the namespace; when the title is taken (10014) looks it up by title and returns it with
    /// <see cref="CreateOrAdoptResult{T}.Adopted"/> = true. If the lookup finds nothing, the original error is rethrown.
    /// </summary>
    /// <param name="title">The title.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<CreateOrAdoptResult<KvNamespace>> CreateOrAdoptAsync(string title, CancellationToken cancellationToken);
}
