namespace Provisioning.Cloudflare;

/// <summary>
/// A value of the current async flow that a <c>using</c> scope sets and its disposal restores: the mechanism behind
/// <see cref="CloudflareRequestPriority"/> and <see cref="CloudflareBudgetWaits"/>. The value flows into the HttpClient's
/// handlers with the async flow.
/// </summary>
/// <typeparam name="T">The value's type; a nullable one when "not set" must be told apart.</typeparam>
internal sealed class AmbientValue<T>
{
    private readonly AsyncLocal<T> _value = new();

    /// <summary>The value set by the innermost scope of this async flow, or the default.</summary>
    public T Value => _value.Value!;

    /// <summary>Sets <paramref name="value"/> until the returned scope is disposed.</summary>
    /// <returns>The scope; disposing it restores the previous value.</returns>
    /// <remarks>Not async: an AsyncLocal set in a synchronous method stays set for the caller's continuation.</remarks>
    public IDisposable Enter(T value)
    {
        var scope = new Scope(this, Value);
        _value.Value = value;
        return scope;
    }

    private sealed class Scope(AmbientValue<T> owner, T previous) : IDisposable
    {
        public void Dispose() => owner._value.Value = previous;
    }
}
