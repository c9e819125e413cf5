using Microsoft.Data.Sqlite;
using Provisioning.Components.Persistence;

namespace Provisioning.Components.Tests.Persistence.Databases;

/// <summary>A database file of its own (not :memory:, so concurrent connections see one database as in production).</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    readonly string _path = Path.Combine(Path.GetTempPath(), $"wfp-test-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override Task InitializeAsync()
    {
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = _path }.ToString();
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}
