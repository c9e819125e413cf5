using System.ComponentModel.DataAnnotations;
using ValidationResult = System.ComponentModel.DataAnnotations.ValidationResult;

namespace Provisioning.Components.Persistence;

public sealed class DatabaseOptions : IValidatableObject
{
    public const string SectionName = "Database";

    public const string DefaultSqliteConnectionString = "Data Source=wfp-provisioner.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Npgsql or Microsoft.Data.Sqlite connection string; for SQLite it defaults to <see cref="DefaultSqliteConnectionString"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the host starts (on by default; turn off when a deploy step migrates).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>The configured connection string, or the SQLite default.</summary>
    public string GetEffectiveConnectionString() =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : Provider == DatabaseProvider.Sqlite ? DefaultSqliteConnectionString
        : throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Database:ConnectionString is required when Database:Provider is Postgres.",
                [nameof(ConnectionString)]);
        }
    }
}
