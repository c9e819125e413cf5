using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>
/// The broker and database servers every integration test class uses (each class then makes its own vhost and
/// database): <c>WFP_TEST_RABBITMQ</c> + <c>WFP_TEST_POSTGRES</c> (ops/test.sh sets them), or containers with
/// <c>WFP_TEST_USE_TESTCONTAINERS=1</c>.
/// </summary>
public sealed class TestServices : IAsyncLifetime
{
    public const string RabbitMqVariable = "WFP_TEST_RABBITMQ";
    public const string RabbitMqManagementVariable = "WFP_TEST_RABBITMQ_MANAGEMENT";
    public const string PostgresVariable = "WFP_TEST_POSTGRES";
    public const string TestcontainersVariable = "WFP_TEST_USE_TESTCONTAINERS";

    RabbitMqContainer? _rabbitContainer;
    PostgreSqlContainer? _postgresContainer;

    /// <summary>amqp://user:password@host:port/ (no vhost).</summary>
    public Uri RabbitMq { get; private set; } = null!;

    /// <summary>The management HTTP API root, http://host:15672/.</summary>
    public Uri RabbitMqManagement { get; private set; } = null!;

    public string Postgres { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var rabbit = Environment.GetEnvironmentVariable(RabbitMqVariable);
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(rabbit) && !string.IsNullOrWhiteSpace(postgres))
        {
            RabbitMq = new Uri(rabbit);
            RabbitMqManagement = new Uri(Environment.GetEnvironmentVariable(RabbitMqManagementVariable) is { Length: > 0 } management
                ? management
                : $"http://{RabbitMq.Host}:15672/");
            Postgres = postgres;
            return;
        }

        if (Environment.GetEnvironmentVariable(TestcontainersVariable) == "1")
        {
            _rabbitContainer = new RabbitMqBuilder("rabbitmq:3.13.7-management").WithPortBinding(15672, true).Build();
            _postgresContainer = new PostgreSqlBuilder("postgres:15.10-alpine").Build();
            await Task.WhenAll(_rabbitContainer.StartAsync(), _postgresContainer.StartAsync());
            var amqp = new UriBuilder(_rabbitContainer.GetConnectionString()) { Path = "/" }.Uri;
            RabbitMq = amqp;
            RabbitMqManagement = new Uri($"http://{_rabbitContainer.Hostname}:{_rabbitContainer.GetMappedPublicPort(15672)}/");
            Postgres = _postgresContainer.GetConnectionString();
            return;
        }

        throw new InvalidOperationException(
            $"Integration tests need RabbitMQ and PostgreSQL: set {RabbitMqVariable} (amqp URI, management API on port 15672 " +
            $"or {RabbitMqManagementVariable}) and {PostgresVariable} (Npgsql connection string) -- ops/test.sh starts both and sets them -- " +
            $"or {TestcontainersVariable}=1 where Docker runs.");
    }

    public async Task DisposeAsync()
    {
        if (_rabbitContainer is not null)
        {
            await _rabbitContainer.DisposeAsync();
        }

        if (_postgresContainer is not null)
        {
            await _postgresContainer.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<TestServices>
{
    // One collection: the classes run one after another (they share two cores with the broker and the database).
    public const string Name = "Integration";
}
