namespace Provisioning.Cloudflare;

/// <summary>
/// The ambient <see cref="RequestPriority"/> of Cloudflare requests made in the current async flow:
/// <c>using (CloudflareRequestPriority.Background()) { await client.KvNamespaces.DeleteAsync(...); }</c>.
/// Requests outside any scope are <see cref="RequestPriority.Foreground"/>.
/// </summary>
/// <remarks>
/// Ambient rather than a parameter so the area clients' signatures stay one method per route and a caller (a step
/// consumer) sets it once for everything it calls. The value flows into the HttpClient's handlers with the async flow.
/// </remarks>
public static class CloudflareRequestPriority
{
    private static readonly AmbientValue<RequestPriority?> Ambient = new();

    /// <summary>The priority of a request sent now from this async flow.</summary>
    public static RequestPriority Current => Ambient.Value ?? RequestPriority.Foreground;

    /// <summary>Marks requests made until the returned scope is disposed as background work.</summary>
    /// <returns>The scope; disposing it restores the previous priority.</returns>
    public static IDisposable Background() => Ambient.Enter(RequestPriority.Background);

    /// <summary>Marks requests made until the returned scope is disposed as foreground work (inside a background scope).</summary>
    /// <returns>The scope; disposing it restores the previous priority.</returns>
    public static IDisposable Foreground() => Ambient.Enter(RequestPriority.Foreground);
}
