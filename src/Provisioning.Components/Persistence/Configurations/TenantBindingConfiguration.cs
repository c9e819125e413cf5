using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Provisioning.Components.Persistence.Configurations;

public sealed class TenantBindingConfiguration : IEntityTypeConfiguration<TenantBinding>
{
    public void Configure(EntityTypeBuilder<TenantBinding> builder)
    {
        builder.ToTable("TenantBindings");
        builder.HasKey(x => new { x.TenantId, x.Name });
        builder.Property(x => x.TenantId).HasMaxLength(TenantIds.MaxLength);
        builder.Property(x => x.Name).HasMaxLength(256);
        builder.Property(x => x.Type).HasMaxLength(64).IsRequired();
        builder.Property(x => x.DefinitionJson).IsRequired();

        builder.HasOne<OwnedResource>()
            .WithMany()
            .HasForeignKey(x => x.OwnedResourceId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
