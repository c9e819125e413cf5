using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Provisioning.Components.Timeline;

namespace Provisioning.Components.Persistence.Configurations;

public sealed class TenantEventConfiguration : IEntityTypeConfiguration<TenantEvent>
{
    public void Configure(EntityTypeBuilder<TenantEvent> builder)
    {
        builder.ToTable("TenantEvents");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedOnAdd();
        builder.Property(x => x.TenantId).HasMaxLength(TenantIds.MaxLength).IsRequired();
        builder.Property(x => x.Kind).HasMaxLength(32).IsRequired();
        builder.Property(x => x.CommandType).HasMaxLength(64);
        builder.Property(x => x.Step).HasMaxLength(64);
        builder.Property(x => x.Resource).HasMaxLength(TimelineWriter.MaxTextLength);
        builder.Property(x => x.Status).HasMaxLength(16);
        builder.Property(x => x.OutcomeType).HasMaxLength(64);
        builder.Property(x => x.Message).HasMaxLength(TimelineWriter.MaxTextLength);

        // A tenant's timeline, newest first, and its pruning.
        builder.HasIndex(x => new { x.TenantId, x.Id });
    }
}
