using Microsoft.Data.Sqlite;
using Provisioning.CloudflareEmulator;
using Provisioning.Components.Persistence;

namespace Provisioning.Worker.Cloudflare;

/// <summary>
/// Where the embedded emulator keeps its state. Tenants live in the worker's database, so an emulator that forgot its
/// namespaces and scripts on a restart would leave Active tenants whose Worker no longer exists: by default the state
/// is a SQLite file next to the worker's SQLite database (wfp-provisioner.db -> wfp-provisioner.emulator.db).
/// </summary>
public static class EmbeddedEmulatorState
{
    public const string FileSuffix = ".emulator.db";

    /// <summary>
    /// <c>Emulator:StatePath</c> when it is set (empty or <see cref="EmulatorOptions.InMemoryStatePath"/> = in memory);
    /// otherwise the file next to a SQLite database file; null (in memory) for PostgreSQL or an in-memory SQLite database,
    /// which have no file to sit next to.
    /// </summary>
    public static string? PathFor(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[$"{EmulatorOptions.SectionName}:{nameof(EmulatorOptions.StatePath)}"];
        if (configured is not null)
        {
            return EmulatorOptions.IsInMemory(configured) ? null : configured;
        }

        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var connection = new SqliteConnectionStringBuilder(database.GetEffectiveConnectionString());
        var file = connection.DataSource;
        if (file.Length == 0 || file == ":memory:" || connection.Mode == SqliteOpenMode.Memory)
        {
            return null;
        }

        // Relative like the database file itself: both resolve against the working directory.
        return Path.Combine(Path.GetDirectoryName(file) ?? "", Path.GetFileNameWithoutExtension(file) + FileSuffix);
    }

    /// <summary>For the start-up line: the full path, or "in memory".</summary>
    public static string Describe(string? path) => path is null ? "in memory" : Path.GetFullPath(path);
}
