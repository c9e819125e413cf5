namespace Provisioning.Benchmarks;

/// <summary>
/// The settings the in-process replicas get, as the environment variables of a worker process (<c>Key:Sub</c> →
/// <c>Key__Sub</c>, the .NET configuration convention): environment rather than command line, so the token is not in
/// the process list. Unset (null) settings are left out, as for an in-process replica they mean "not configured".
/// </summary>
internal static class WorkerEnvironment
{
    public static IReadOnlyDictionary<string, string> From(IEnumerable<KeyValuePair<string, string?>> settings) =>
        settings
            .Where(s => s.Value is not null)
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!, StringComparer.Ordinal);

    /// <summary>The variables' names only, for the console: values carry the API token and the broker's credentials.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> environment) =>
        string.Join(", ", environment.Keys.Order(StringComparer.Ordinal));
}
