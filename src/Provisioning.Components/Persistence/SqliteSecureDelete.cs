using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Provisioning.Components.Persistence;

/// <summary>
/// Turns SQLite's <c>secure_delete</c> on for every connection (the pragma is per connection, not stored in the file):
/// deleted and overwritten content, a scrubbed command's ciphertext included, is zeroed instead of left in free pages.
/// </summary>
public sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    const string Pragma = "PRAGMA secure_delete=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
