using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Provisioning.Components.Secrets;

/// <summary>Where the key ring is kept: a directory, the PostgreSQL database, or memory (in-memory SQLite only).</summary>
public sealed record KeyRingLocation(string? Directory, bool InDatabase)
{
    /// <summary>The location the "DataProtection" and "Database" sections describe.</summary>
    public static KeyRingLocation From(IConfiguration configuration) => From(SecretProtectionOptions.From(configuration),
        configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions());

    public static KeyRingLocation From(SecretProtectionOptions options, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        if (!string.IsNullOrWhiteSpace(options.KeysPath))
        {
            return new(Path.GetFullPath(options.KeysPath), false);
        }

        if (database.Provider == DatabaseProvider.Postgres)
        {
            return new(null, true);
        }

        var sqlite = new SqliteConnectionStringBuilder(database.GetEffectiveConnectionString());
        var inMemory = sqlite.Mode == SqliteOpenMode.Memory || sqlite.DataSource is "" or ":memory:";
        return new(inMemory ? null : Path.ChangeExtension(Path.GetFullPath(sqlite.DataSource), ".keys"), false);
    }

    public override string ToString() =>
        Directory ?? (InDatabase ? "the database (table DataProtectionKeys)" : "memory (the database is in memory too)");
}
