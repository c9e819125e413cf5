using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Provisioning.Benchmarks;

/// <summary>
/// The broker and database servers of a RabbitMQ/PostgreSQL run: <c>WFP_TEST_RABBITMQ</c> (amqp URI, management API on
/// port 15672 or <c>WFP_TEST_RABBITMQ_MANAGEMENT</c>) and <c>WFP_TEST_POSTGRES</c> (Npgsql connection string), as for
/// the integration tests.
/// </summary>
internal static class ServiceAddresses
{
    public const string RabbitMqVariable = "WFP_TEST_RABBITMQ";
    public const string RabbitMqManagementVariable = "WFP_TEST_RABBITMQ_MANAGEMENT";
    public const string PostgresVariable = "WFP_TEST_POSTGRES";

    public static Uri RabbitMq => new(Required(RabbitMqVariable, "an amqp URI, e.g. amqp://guest:guest@127.0.0.1:5672/"));

    public static Uri RabbitMqManagement =>
        Environment.GetEnvironmentVariable(RabbitMqManagementVariable) is { Length: > 0 } management
            ? new Uri(management)
            : new Uri($"http://{RabbitMq.Host}:15672/");

    public static string Postgres => Required(PostgresVariable, "an Npgsql connection string, e.g. Host=127.0.0.1;Username=postgres;Database=postgres");

    static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Set {variable} to {what} (ops/test.sh starts the services and prints the values).");
}

/// <summary>A fresh RabbitMQ vhost for one run, through the management HTTP API; deleted with its queues at the end.</summary>
internal sealed class VirtualHost : IAsyncDisposable
{
    readonly HttpClient _management;

    VirtualHost(HttpClient management, string name, Uri amqpUri, string serverVersion)
    {
        _management = management;
        Name = name;
        AmqpUri = amqpUri;
        ServerVersion = serverVersion;
    }

    public string Name { get; }

    /// <summary>The broker's version as the management API reports it (rabbitmq_version).</summary>
    public string ServerVersion { get; }

    public Uri AmqpUri { get; }

    public static async Task<VirtualHost> CreateAsync()
    {
        var server = ServiceAddresses.RabbitMq;
        var user = server.UserInfo.Split(':', 2);
        var userName = Uri.UnescapeDataString(user[0]);
        var management = new HttpClient { BaseAddress = ServiceAddresses.RabbitMqManagement };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{Uri.UnescapeDataString(user.ElementAtOrDefault(1) ?? "")}")));
        try
        {
            var name = $"wfp-bench-{Guid.NewGuid():N}"[..25];
            (await management.PutAsync(new Uri($"api/vhosts/{name}", UriKind.Relative), null)).EnsureSuccessStatusCode();
            (await management.PutAsJsonAsync($"api/permissions/{name}/{Uri.EscapeDataString(userName)}",
                new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
            var overview = await management.GetFromJsonAsync<JsonElement>(new Uri("api/overview", UriKind.Relative));
            var version = overview.TryGetProperty("rabbitmq_version", out var v) ? v.GetString() ?? "?" : "?";
            return new VirtualHost(management, name, new UriBuilder(server) { Path = "/" + name }.Uri, version);
        }
        catch
        {
            management.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (await _management.DeleteAsync(new Uri($"api/vhosts/{Name}", UriKind.Relative)))
        {
        }

        _management.Dispose();
    }
}

/// <summary>A fresh PostgreSQL database for one run, dropped at the end.</summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    readonly string _server;

    PostgresDatabase(string server, string name, string serverVersion)
    {
        _server = server;
        Name = name;
        ServerVersion = serverVersion;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public string Name { get; }

    /// <summary>SHOW server_version.</summary>
    public string ServerVersion { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var server = ServiceAddresses.Postgres;
        var name = $"wfp_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        return new PostgresDatabase(server, name, connection.PostgreSqlVersion.ToString());
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

/// <summary>A SQLite file in a fresh temporary directory, deleted at the end.</summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("wfp-bench-").FullName;

    public string ConnectionString => $"Data Source={Path.Combine(_directory, "wfp-provisioner.db")}";

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
