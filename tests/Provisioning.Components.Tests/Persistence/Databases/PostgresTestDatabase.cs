using Npgsql;
using Provisioning.Components.Persistence;

namespace Provisioning.Components.Tests.Persistence.Databases;

/// <summary>A fresh database on the test server (<see cref="PostgresTestServer"/>), created and dropped per test class.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    readonly string _name = $"wfp_test_{Guid.NewGuid():N}";
    string? _serverConnectionString;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override async Task InitializeAsync()
    {
        _serverConnectionString = await PostgresTestServer.GetConnectionStringAsync();
        await ExecuteAsync($"CREATE DATABASE \"{_name}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _name }.ToString();
    }

    public override async Task DisposeAsync()
    {
        if (_serverConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
