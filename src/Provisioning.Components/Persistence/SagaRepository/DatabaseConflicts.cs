using Microsoft.Data.Sqlite;
using Npgsql;

namespace Provisioning.Components.Persistence.SagaRepository;

/// <summary>Which database errors are worth re-running a delivery for.</summary>
public static class DatabaseConflicts
{
    // SQLite result codes (sqlite.org/rescode.html): BUSY and LOCKED while another connection writes;
    // CONSTRAINT_PRIMARYKEY / CONSTRAINT_UNIQUE when two deliveries insert the same saga or ledger row.
    const int SqliteBusy = 5;
    const int SqliteLocked = 6;
    const int SqliteConstraintPrimaryKey = 1555;
    const int SqliteConstraintUnique = 2067;

    /// <summary>
    /// True for an optimistic concurrency conflict, a unique-key race (two initiating events for one new saga),
    /// or a transient lock/connection error; false for errors a retry cannot fix (NOT NULL, foreign key, ...).
    /// </summary>
    public static bool IsRetryable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case DbUpdateConcurrencyException:
                    return true;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked
                        || sqlite.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique;
                case PostgresException postgres:
                    return postgres.SqlState is PostgresErrorCodes.UniqueViolation
                        or PostgresErrorCodes.SerializationFailure
                        or PostgresErrorCodes.DeadlockDetected
                        || postgres.IsTransient;
                case NpgsqlException npgsql:
                    return npgsql.IsTransient;
            }
        }

        return false;
    }
}
