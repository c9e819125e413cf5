using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.Components.Persistence;
using Provisioning.Components.Tests.Persistence.Databases;

namespace Provisioning.Components.Tests.Persistence.Budget;

/// <summary>The budget specs' database: the test class's PostgreSQL database with the migrations applied.</summary>
static class BudgetDatabase
{
    public static DatabaseOptions Options(PostgresTestDatabase database) =>
        new() { Provider = DatabaseProvider.Postgres, ConnectionString = database.ConnectionString, MigrateOnStart = false };

    public static async Task MigrateAsync(PostgresTestDatabase database)
    {
        await using var services = new ServiceCollection().AddProvisioningPersistence(Options(database)).BuildServiceProvider();
        await DatabaseMigrator.MigrateAsync(services.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>(), CancellationToken.None);
    }
}
