using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Provisioning.Components.Persistence.Configurations;

public sealed class OwnedResourceConfiguration : IEntityTypeConfiguration<OwnedResource>
{
    public void Configure(EntityTypeBuilder<OwnedResource> builder)
    {
        builder.ToTable("OwnedResources");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.TenantId).HasMaxLength(TenantIds.MaxLength).IsRequired();
        builder.Property(x => x.ResourceType).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Name).HasMaxLength(256).IsRequired();
        builder.Property(x => x.BindingName).HasMaxLength(256);
        builder.Property(x => x.CloudflareId).HasMaxLength(256);
        builder.Property(x => x.Jurisdiction).HasMaxLength(32);
        builder.Property(x => x.LocationHint).HasMaxLength(32);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(16);

        // A deterministic name belongs to one ledger row for ever, so two operations can never both believe
        // they created it; a deleted resource's row is reused when the name is created again.
        builder.HasIndex(x => new { x.ResourceType, x.Name }).IsUnique();
        builder.HasIndex(x => x.TenantId);
    }
}
