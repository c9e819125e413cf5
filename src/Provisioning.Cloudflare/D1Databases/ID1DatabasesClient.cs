namespace Provisioning.Cloudflare;

/// <summary>D1 databases.</summary>
public interface ID1DatabasesClient
{
    /// <summary><c>POST accounts/{account_id}/d1/database</c>: creates a database. A taken name fails with <see cref="CloudflareErrorCodes.D1DatabaseNameExists"/>.</summary>
    /// <param name="name">The name (<c>^[a-z0-9][a-z0-9-_]*$</c>, unique within the account).</param>
    /// <param name="options">Location hint and jurisdiction, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<D1Database> CreateAsync(string name, D1DatabaseCreateOptions? options, CancellationToken cancellationToken);

    /// <summary><c>GET accounts/{account_id}/d1/database?name=&amp;page=&amp;per_page=</c>: every database, page by page.</summary>
    /// <param name="nameFilter">Cloudflare's <c>name</c> filter, a substring search; null for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<D1Database> ListAsync(string? nameFilter, CancellationToken cancellationToken);

    /// <summary><c>GET accounts/{account_id}/d1/database/{database_id}</c> (Cloudflare also accepts the name here).</summary>
    /// <param name="databaseId">The database UUID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<D1Database> GetAsync(string databaseId, CancellationToken cancellationToken);

    /// <summary><c>DELETE accounts/{account_id}/d1/database/{database_id}</c>.</summary>
    /// <param name="databaseId">The database UUID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteAsync(string databaseId, CancellationToken cancellationToken);

    /// <summary>Lists with the <c>name</c> filter and returns the database whose name matches exactly, or null.</summary>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<D1Database?> FindByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the database; when the name is taken (7502) looks it up by name and returns it with
    /// <see cref="CreateOrAdoptResult{T}.Adopted"/> = true. If the lookup finds nothing, the original error is rethrown.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <param name="options">Location hint and jurisdiction, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<CreateOrAdoptResult<D1Database>> CreateOrAdoptAsync(string name, D1DatabaseCreateOptions? options, CancellationToken cancellationToken);
}
