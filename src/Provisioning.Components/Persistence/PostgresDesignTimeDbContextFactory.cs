using Microsoft.EntityFrameworkCore.Design;

namespace Provisioning.Components.Persistence;

/// <summary>Used by <c>dotnet ef</c> only (see <see cref="SqliteDesignTimeDbContextFactory"/>); adding a migration does not connect.</summary>
sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresProvisioningDbContext>
{
    public PostgresProvisioningDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresProvisioningDbContext>()
            .UseNpgsql("Host=localhost;Database=wfp_provisioner")
            .Options);
}
