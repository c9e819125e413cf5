using Microsoft.EntityFrameworkCore.Design;

namespace Provisioning.Components.Persistence;

/// <summary>
/// Used by <c>dotnet ef</c> only. Add a migration to both sets after a model change (from the repository root):
/// <code>
/// dotnet tool restore
/// dotnet ef migrations add NAME -p src/Provisioning.Components -c SqliteProvisioningDbContext -o Persistence/Migrations/Sqlite
/// dotnet ef migrations add NAME -p src/Provisioning.Components -c PostgresProvisioningDbContext -o Persistence/Migrations/Postgres
/// </code>
/// </summary>
sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqliteProvisioningDbContext>
{
    public SqliteProvisioningDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteProvisioningDbContext>()
            .UseSqlite(DatabaseOptions.DefaultSqliteConnectionString)
            .Options);
}
