namespace Provisioning.Cloudflare;

/// <summary>
/// The ambient <see cref="IRequestBudgetWaitObserver"/> of Cloudflare requests made in the current async flow:
/// <c>using (CloudflareBudgetWaits.Observe(observer)) { await client.KvNamespaces.CreateAsync(...); }</c>.
/// </summary>
/// <remarks>Ambient for the same reason as <see cref="CloudflareRequestPriority"/>: the area clients' signatures stay one method per route.</remarks>
public static class CloudflareBudgetWaits
{
    /// <summary>Waits for the budget up to this long are pacing: they are neither observed nor logged.</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    private static readonly AmbientValue<IRequestBudgetWaitObserver?> Ambient = new();

    /// <summary>The observer of requests sent now from this async flow, if any.</summary>
    public static IRequestBudgetWaitObserver? Current => Ambient.Value;

    /// <summary>Tells <paramref name="observer"/> about long budget waits of requests made until the returned scope is disposed.</summary>
    /// <param name="observer">The observer.</param>
    /// <returns>The scope; disposing it restores the previous observer.</returns>
    public static IDisposable Observe(IRequestBudgetWaitObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return Ambient.Enter(observer);
    }
}
