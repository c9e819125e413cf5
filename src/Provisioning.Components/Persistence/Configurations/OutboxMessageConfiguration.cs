using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Provisioning.Components.Outbox;

namespace Provisioning.Components.Persistence.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.MessageType).HasMaxLength(256).IsRequired();
        builder.Property(x => x.Body).IsRequired();
        builder.Property(x => x.TenantId).HasMaxLength(TenantIds.MaxLength);
        builder.Property(x => x.CreatedBy).HasMaxLength(128).IsRequired();
        builder.Property(x => x.LockedBy).HasMaxLength(192);

        // The relay's "pending, oldest first" claim and the retention cleanup of dispatched rows.
        builder.HasIndex(x => new { x.DispatchedAt, x.CreatedAt });
        builder.HasIndex(x => x.LockedBy);
    }
}
