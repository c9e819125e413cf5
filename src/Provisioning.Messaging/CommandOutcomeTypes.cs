using Provisioning.Contracts;

namespace Provisioning.Messaging;

/// <summary>
/// The members of the <see cref="ICommandOutcome"/> family, by contract name: what a reader of an outcome's JSON (the
/// CLI over HTTP, the front door) turns back into the typed event.
/// </summary>
public static class CommandOutcomeTypes
{
    static readonly Dictionary<string, Type> ByName = typeof(ICommandOutcome).Assembly.GetExportedTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommandOutcome).IsAssignableFrom(t))
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<Type> All => ByName.Values;

    /// <summary>The outcome contract named <paramref name="name"/> (for example <c>TenantProvisioned</c>), or null.</summary>
    public static Type? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Whether the outcome says the command was carried out.</summary>
    public static bool Succeeded(ICommandOutcome outcome) => outcome is ICommandSucceeded;
}
