using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Provisioning.Components.Persistence.Configurations;

public sealed class TenantCommandConfiguration : IEntityTypeConfiguration<TenantCommand>
{
    public void Configure(EntityTypeBuilder<TenantCommand> builder)
    {
        builder.ToTable("TenantCommands");
        builder.HasKey(x => x.CommandId);
        builder.Property(x => x.CommandId).ValueGeneratedNever();
        builder.Property(x => x.TenantId).HasMaxLength(TenantIds.MaxLength).IsRequired();
        builder.Property(x => x.CommandType).HasMaxLength(64).IsRequired();
        builder.Property(x => x.PayloadJson).IsRequired();
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.OutcomeType).HasMaxLength(64);
        builder.Property(x => x.Version).IsConcurrencyToken();

        // The saga's "next command for this tenant" query and the parked-command sweep.
        builder.HasIndex(x => new { x.TenantId, x.Status });
        builder.HasIndex(x => x.Status);
    }
}
