using Testcontainers.PostgreSql;

namespace Provisioning.Components.Tests.Persistence.Databases;

/// <summary>
/// The PostgreSQL server the tests use: <c>WFP_TEST_POSTGRES</c> (an Npgsql connection string, as printed by
/// ops/postgres/start.sh), or one container per test run with <c>WFP_TEST_USE_TESTCONTAINERS=1</c>.
/// </summary>
public static class PostgresTestServer
{
    public const string ConnectionStringVariable = "WFP_TEST_POSTGRES";
    public const string TestcontainersVariable = "WFP_TEST_USE_TESTCONTAINERS";

    static readonly Lazy<Task<string>> Server = new(StartAsync);

    public static Task<string> GetConnectionStringAsync() => Server.Value;

    static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (Environment.GetEnvironmentVariable(TestcontainersVariable) == "1")
        {
            // Stopped by Testcontainers' resource reaper when the test process exits.
            var container = new PostgreSqlBuilder("postgres:15.10-alpine").Build();
            await container.StartAsync();
            return container.GetConnectionString();
        }

        throw new InvalidOperationException(
            $"PostgreSQL tests need a server: set {ConnectionStringVariable} to an Npgsql connection string " +
            $"(ops/postgres/start.sh prints one) or {TestcontainersVariable}=1 where Docker runs.");
    }
}
