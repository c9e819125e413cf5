namespace Provisioning.Components.Persistence;

/// <summary>The PostgreSQL flavour: owns the migrations in Persistence/Migrations/Postgres.</summary>
public sealed class PostgresProvisioningDbContext(DbContextOptions<PostgresProvisioningDbContext> options)
    : ProvisioningDbContext(options);
