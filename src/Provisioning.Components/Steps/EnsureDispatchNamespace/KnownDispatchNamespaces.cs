using System.Collections.Concurrent;

namespace Provisioning.Components.Steps.EnsureDispatchNamespace;

/// <summary>
/// Dispatch namespaces this replica found or created lately: the provisions of many tenants share one namespace, so
/// within <see cref="ProvisioningOptions.DispatchNamespaceRecheckInterval"/> of a check the next provision makes no
/// call, and provisions that start together share one lookup. Safe to skip: an upload that finds its namespace gone
/// creates it again (UploadScriptConsumer).
/// </summary>
public sealed class KnownDispatchNamespaces(IOptions<ProvisioningOptions> options, TimeProvider time)
{
    readonly ConcurrentDictionary<string, DateTimeOffset> _checkedAt = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, Task> _lookups = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="name"/> was found or created within the recheck interval.</summary>
    public bool IsKnown(string name) =>
        _checkedAt.TryGetValue(name, out var at) && time.GetUtcNow() - at < options.Value.DispatchNamespaceRecheckInterval;

    /// <summary>Records that <paramref name="name"/> exists now.</summary>
    public void Confirm(string name) => _checkedAt[name] = time.GetUtcNow();

    /// <summary>Finds <paramref name="name"/> or creates it, without a call when it was checked lately.</summary>
    /// <returns>True when this call created it.</returns>
    public async Task<bool> EnsureAsync(IDispatchNamespacesClient namespaces, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        if (IsKnown(name))
        {
            return false;
        }

        // Provisions that start together (a burst of commands, a replica that was idle past the interval) wait for the
        // first one's lookup instead of each spending a request of the budget on the same answer.
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lookup = _lookups.GetOrAdd(name, mine.Task);
        if (lookup != mine.Task)
        {
            try
            {
                await lookup.WaitAsync(cancellationToken);
                return false;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // That lookup failed: make this step's own.
            }
        }

        try
        {
            var created = await namespaces.EnsureAsync(name, cancellationToken);
            Confirm(name);
            mine.TrySetResult();
            return created;
        }
        finally
        {
            mine.TrySetCanceled(CancellationToken.None);   // failed: the waiting steps look it up themselves
            _lookups.TryRemove(KeyValuePair.Create(name, mine.Task));
        }
    }
}
