using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Provisioning.Components.Persistence.Configurations;
using Provisioning.Components.StateMachines;

namespace Provisioning.Components.Persistence;

/// <summary>
/// Saga state, the command store, the ownership ledger and the outbox in one database, so one SaveChanges covers them.
/// Each provider has a subclass (<see cref="SqliteProvisioningDbContext"/>, <see cref="PostgresProvisioningDbContext"/>)
/// that owns its migration set; code depends on this type only.
/// </summary>
public class ProvisioningDbContext : DbContext, IDataProtectionKeyContext
{
    public ProvisioningDbContext(DbContextOptions<ProvisioningDbContext> options)
        : base(options)
    {
    }

    protected ProvisioningDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<TenantState> Tenants => Set<TenantState>();

    public DbSet<TenantCommand> Commands => Set<TenantCommand>();

    public DbSet<OwnedResource> OwnedResources => Set<OwnedResource>();

    public DbSet<TenantBinding> Bindings => Set<TenantBinding>();

    public DbSet<ScriptBundle> ScriptBundles => Set<ScriptBundle>();

    public DbSet<Timeline.TenantEvent> TenantEvents => Set<Timeline.TenantEvent>();

    public DbSet<Budget.RequestBudgetRow> RequestBudgets => Set<Budget.RequestBudgetRow>();

    /// <summary>The Data Protection key ring of PostgreSQL deployments, shared by every replica (see Secrets/).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Outbox.OutboxMessage> OutboxMessages => Set<Outbox.OutboxMessage>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new TenantStateConfiguration());
        modelBuilder.ApplyConfiguration(new TenantCommandConfiguration());
        modelBuilder.ApplyConfiguration(new OwnedResourceConfiguration());
        modelBuilder.ApplyConfiguration(new TenantBindingConfiguration());
        modelBuilder.ApplyConfiguration(new ScriptBundleConfiguration());
        modelBuilder.ApplyConfiguration(new TenantEventConfiguration());
        modelBuilder.ApplyConfiguration(new Budget.RequestBudgetRowConfiguration());
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    // SQLite cannot generate a row version, so the token is ours: every UPDATE carries
    // "WHERE Version = <value read>" and writes value + 1; a concurrent writer's update then matches no row and
    // EF throws DbUpdateConcurrencyException. The original value stays the one that was read.
    void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified && FindVersion(entry) is { } version)
            {
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }
        }
    }

    static PropertyEntry? FindVersion(EntityEntry entry) =>
        entry.Metadata.FindProperty("Version") is { IsConcurrencyToken: true } property && property.ClrType == typeof(long)
            ? entry.Property(property)
            : null;
}
