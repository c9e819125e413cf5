using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Hosting;

namespace Provisioning.Components.Persistence;

/// <summary>
/// Applies pending migrations when the host starts. Registered before the bus, so no message is consumed
/// against an old schema. EF Core takes a migration lock, so replicas starting together are safe.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<ProvisioningDbContext> contextFactory, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await MigrateAsync(contextFactory, cancellationToken);
        if (applied.Count == 0)
        {
            logger.LogInformation("Database schema is up to date");
        }
        else
        {
            logger.LogInformation("Applied {MigrationCount} database migrations: {Migrations}", applied.Count, applied);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies what is pending and returns the names of the migrations it applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(IDbContextFactory<ProvisioningDbContext> contextFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // On an empty database EF reads the history table before creating it and logs that expected failure at Error,
        // which reads like an outage on every first start; creating it first (IF NOT EXISTS) keeps the log honest.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the single writer; with the default rollback journal concurrent saga
            // deliveries wait on each other far more often. The mode is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending;
    }
}
