using System.Collections.Concurrent;

namespace Provisioning.Components.Steps.EnsureDispatchNamespace;

/// <summary>
/// Dispatch namespaces this replica found or created lately: the provisions of many tenants share one namespace, so
/// within <see cref="ProvisioningOptions.DispatchNamespaceRecheckInterval"/> of a check the next EnsureDispatchNamespace
/// makes no call. Safe to skip: an upload that finds its namespace gone creates it again (UploadScriptConsumer).
/// </summary>
public sealed class KnownDispatchNamespaces(IOptions<ProvisioningOptions> options, TimeProvider time)
{
    readonly ConcurrentDictionary<string, DateTimeOffset> _checkedAt = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="name"/> was found or created within the recheck interval.</summary>
    public bool IsKnown(string name) =>
        _checkedAt.TryGetValue(name, out var at) && time.GetUtcNow() - at < options.Value.DispatchNamespaceRecheckInterval;

    /// <summary>Records that <paramref name="name"/> exists now.</summary>
    public void Confirm(string name) => _checkedAt[name] = time.GetUtcNow();

    /// <summary>Finds <paramref name="name"/> or creates it, without a call when it was checked lately.</summary>
    /// <returns>True when this call created it.</returns>
    public async Task<bool> EnsureAsync(IDispatchNamespacesClient namespaces, string name, CancellationToken cancellationToken)
    {
        if (IsKnown(name))
        {
            return false;
        }

        var created = await namespaces.EnsureAsync(name, cancellationToken);
        Confirm(name);
        return created;
    }
}
