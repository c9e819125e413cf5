using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Provisioning.Components.Persistence.Configurations;

public sealed class ScriptBundleConfiguration : IEntityTypeConfiguration<ScriptBundle>
{
    public void Configure(EntityTypeBuilder<ScriptBundle> builder)
    {
        builder.ToTable("ScriptBundles");
        builder.HasKey(x => x.Hash);
        builder.Property(x => x.Hash).HasMaxLength(64);
        builder.Property(x => x.ModulesJson).IsRequired();
        builder.Ignore(x => x.Modules);
    }
}
