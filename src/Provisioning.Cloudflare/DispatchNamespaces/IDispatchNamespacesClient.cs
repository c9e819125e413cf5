namespace Provisioning.Cloudflare;

/// <summary>Workers for Platforms dispatch namespaces.</summary>
public interface IDispatchNamespacesClient
{
    /// <summary><c>POST accounts/{account_id}/workers/dispatch/namespaces</c>: creates a namespace.</summary>
    /// <param name="name">The namespace name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<DispatchNamespace> CreateAsync(string name, CancellationToken cancellationToken);

    /// <summary><c>GET accounts/{account_id}/workers/dispatch/namespaces</c>: every namespace (not paged).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<DispatchNamespace>> ListAsync(CancellationToken cancellationToken);

    /// <summary><c>GET accounts/{account_id}/workers/dispatch/namespaces/{dispatch_namespace}</c>.</summary>
    /// <param name="name">The namespace name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<DispatchNamespace> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary><c>DELETE accounts/{account_id}/workers/dispatch/namespaces/{dispatch_namespace}</c>.</summary>
    /// <param name="name">The namespace name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteAsync(string name, CancellationToken cancellationToken);
}
