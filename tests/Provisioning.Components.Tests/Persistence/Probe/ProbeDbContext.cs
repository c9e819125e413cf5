using Microsoft.EntityFrameworkCore;
using Provisioning.Components.Persistence;

namespace Provisioning.Components.Tests.Persistence.Probe;

/// <summary>The production context plus the probe saga, so the probe runs through ProvisioningDbContext's version handling.</summary>
public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : ProvisioningDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ProbeState>(b =>
        {
            b.ToTable("ProbeStates");
            b.HasKey(x => x.CorrelationId);
            b.Property(x => x.CorrelationId).ValueGeneratedNever();
            b.Property(x => x.CurrentState).HasMaxLength(64);
            b.Property(x => x.Version).IsConcurrencyToken();
        });
    }
}
