using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Provisioning.Components.Persistence;

/// <summary>
/// SQLite settings that are per connection, not stored in the file, applied to every connection EF opens:
/// <list type="bullet">
/// <item><c>secure_delete</c> on: deleted and overwritten content, a scrubbed command's ciphertext included, is zeroed
/// instead of left in free pages.</item>
/// <item><c>busy_timeout</c> of <see cref="BusyTimeout"/>: a write that meets another connection's write transaction is
/// retried by SQLite itself, a few milliseconds apart, and goes through right after that transaction ends.
/// Microsoft.Data.Sqlite alone sleeps 150 ms between tries, so while a tenant's operation keeps the database busy a
/// command's intake could miss every gap for hundreds of milliseconds, and the saga, picking the tenant's next command
/// in that time, did not see it yet and started a command sent after it (spec
/// <c>When_a_command_meets_another_write.Should_commit_right_after_the_other_write_ends</c>).</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    /// <summary>How long SQLite waits for another connection's write lock before Microsoft.Data.Sqlite's own retries take over.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    static readonly string Pragmas = $"PRAGMA secure_delete=ON; PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
