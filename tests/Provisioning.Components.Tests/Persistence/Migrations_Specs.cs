using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Provisioning.Components.Persistence;
using Provisioning.Components.Tests.Persistence.Databases;

namespace Provisioning.Components.Tests.Persistence;

/// <summary>The provider's migration set, applied by the hosted migrator to an empty database.</summary>
public abstract class Migrations_Specs(TestDatabase database)
{
    [Fact]
    public async Task Should_create_the_whole_schema_on_an_empty_database_at_start()
    {
        var errors = new ErrorLog();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(errors))
            .AddProvisioningPersistence(new DatabaseOptions { Provider = database.Provider, ConnectionString = database.ConnectionString })
            .BuildServiceProvider();
        var migrator = Assert.Single(services.GetServices<IHostedService>().OfType<DatabaseMigrator>());
        var factory = services.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>();

        await using (var before = await factory.CreateDbContextAsync())
        {
            Assert.Empty(await before.Database.GetAppliedMigrationsAsync());
        }

        errors.Entries.Clear(); // the probe above may log EF's read of the missing history table: only the start counts

        await migrator.StartAsync(CancellationToken.None);
        await migrator.StartAsync(CancellationToken.None); // a second start (another replica) finds nothing to do

        // EF logs its blind read of a missing history table at Error; a first start must not look like an outage.
        Assert.True(errors.Entries.IsEmpty, string.Join(Environment.NewLine, errors.Entries));

        await using var db = await factory.CreateDbContextAsync();
        Assert.IsType(database.Provider == DatabaseProvider.Postgres ? typeof(PostgresProvisioningDbContext) : typeof(SqliteProvisioningDbContext), db);
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run dotnet ef migrations add for both providers");

        Assert.Equal(0, await db.Tenants.CountAsync());
        Assert.Equal(0, await db.Commands.CountAsync());
        Assert.Equal(0, await db.OwnedResources.CountAsync());
        Assert.Equal(0, await db.Bindings.CountAsync());
    }
}

sealed class ErrorLog : ILoggerProvider
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Entries.Enqueue($"{category}: {formatter(state, exception)}");
            }
        }
    }
}

public sealed class Migrations_on_SQLite(SqliteTestDatabase database) : Migrations_Specs(database), IClassFixture<SqliteTestDatabase>;

public sealed class Migrations_on_PostgreSQL(PostgresTestDatabase database) : Migrations_Specs(database), IClassFixture<PostgresTestDatabase>;
