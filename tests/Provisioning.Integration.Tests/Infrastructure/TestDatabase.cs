using Npgsql;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>A fresh PostgreSQL database for one test class, dropped at the end.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    readonly string _server;

    TestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(TestServices services)
    {
        var name = $"wfp_it_{Guid.NewGuid():N}";
        await ExecuteAsync(services.Postgres, $"CREATE DATABASE \"{name}\"");
        return new TestDatabase(services.Postgres, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
