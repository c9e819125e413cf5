namespace Provisioning.Components.Persistence;

/// <summary>The SQLite flavour: owns the migrations in Persistence/Migrations/Sqlite.</summary>
public sealed class SqliteProvisioningDbContext(DbContextOptions<SqliteProvisioningDbContext> options)
    : ProvisioningDbContext(options);
