using System.Data.Common;
using Provisioning.Components.Persistence;
using Provisioning.Components.Secrets;
using Serilog;

namespace Provisioning.Worker;

/// <summary>The choices made while the host is built, logged before the DI logger exists (through Serilog's static logger).</summary>
internal static class StartupLog
{
    public static void Write(string messageTemplate, params object?[] values) => Log.Information(messageTemplate, values);

    /// <summary>The database choice, without credentials: host and database name only for PostgreSQL.</summary>
    public static void Database(IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var connection = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString ?? "" };
            Write("Database: PostgreSQL, host {DatabaseHost}, database {DatabaseName}",
                connection.TryGetValue("Host", out var host) ? host : "(none)",
                connection.TryGetValue("Database", out var name) ? name : "(default)");
        }
        else
        {
            var connection = new DbConnectionStringBuilder { ConnectionString = options.GetEffectiveConnectionString() };
            Write("Database: SQLite (Data Source={DatabaseFile}; set Database__Provider=Postgres and Database__ConnectionString for PostgreSQL)",
                connection.TryGetValue("Data Source", out var file) ? file : "(none)");
        }
    }

    /// <summary>Where the key ring that encrypts secret values is kept (a path, never a key).</summary>
    public static void SecretKeyRing(IConfiguration configuration)
    {
        Write("Secrets: encrypted with the Data Protection key ring in {KeyRing} (set DataProtection__KeysPath to share one with other workers)",
            KeyRingLocation.From(configuration).ToString());
    }
}
