using Microsoft.Data.Sqlite;

namespace Provisioning.CloudflareEmulator.State;

/// <summary>One JSON document per entity; the store calls it under its own lock, so one connection suffices.</summary>
internal sealed class SqlitePersistence : IStatePersistence
{
    private const int LockTimeoutSeconds = 2;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private readonly SqliteConnection _connection;

    public SqlitePersistence(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Pooling off so the file is released when the emulator stops (tests restart on the same file). A short busy
        // timeout: a file held by another emulator stays held, and an emulator that is just stopping lets go quickly.
        _connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = LockTimeoutSeconds }.ToString());
        _connection.Open();
        try
        {
            // One emulator per file (EmulatorStateInUseException): in EXCLUSIVE locking mode the lock BEGIN EXCLUSIVE
            // takes is kept until the connection closes.
            Execute("PRAGMA locking_mode=EXCLUSIVE");
            Execute("BEGIN EXCLUSIVE");
            Execute("CREATE TABLE IF NOT EXISTS entities (key TEXT PRIMARY KEY, json TEXT NOT NULL)");
            Execute("COMMIT");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            _connection.Dispose();
            throw EmulatorStateInUseException.For(path, ex);
        }
    }

    public IEnumerable<string> LoadAll()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT json FROM entities ORDER BY key";
        using var reader = command.ExecuteReader();
        var documents = new List<string>();
        while (reader.Read())
        {
            documents.Add(reader.GetString(0));
        }

        return documents;
    }

    public void Upsert(string key, string json) =>
        Execute("INSERT INTO entities (key, json) VALUES ($key, $json) ON CONFLICT(key) DO UPDATE SET json = excluded.json", key, json);

    public void Delete(string key) => Execute("DELETE FROM entities WHERE key = $key", key);

    public void Clear() => Execute("DELETE FROM entities");

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql, string? key = null, string? json = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (key is not null)
        {
            command.Parameters.AddWithValue("$key", key);
        }

        if (json is not null)
        {
            command.Parameters.AddWithValue("$json", json);
        }

        command.ExecuteNonQuery();
    }
}
