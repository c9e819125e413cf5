using Microsoft.Data.Sqlite;

namespace Provisioning.CloudflareEmulator.State;

/// <summary>One JSON document per entity; the store calls it under its own lock, so one connection suffices.</summary>
internal sealed class SqlitePersistence : IStatePersistence
{
    private readonly SqliteConnection _connection;

    public SqlitePersistence(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Pooling off so the file is released when the emulator stops (tests restart on the same file).
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("CREATE TABLE IF NOT EXISTS entities (key TEXT PRIMARY KEY, json TEXT NOT NULL)");
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
