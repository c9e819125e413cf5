using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Provisioning.Components.StateMachines;

namespace Provisioning.Components.Persistence.Configurations;

public sealed class TenantStateConfiguration : IEntityTypeConfiguration<TenantState>
{
    public void Configure(EntityTypeBuilder<TenantState> builder)
    {
        builder.ToTable("TenantStates");
        builder.HasKey(x => x.CorrelationId);
        builder.Property(x => x.CorrelationId).ValueGeneratedNever();
        builder.Property(x => x.CurrentState).HasMaxLength(64).IsRequired();
        builder.Property(x => x.TenantId).HasMaxLength(TenantIds.MaxLength).IsRequired();
        builder.HasIndex(x => x.TenantId).IsUnique();
        builder.Property(x => x.DispatchNamespace).HasMaxLength(256);
        builder.Property(x => x.ScriptName).HasMaxLength(256);
        builder.Property(x => x.CurrentOperation).HasMaxLength(64);
        builder.Property(x => x.FailedStep).HasMaxLength(64);
        builder.Property(x => x.OperationKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.ScriptEtag).HasMaxLength(128);
        builder.Property(x => x.BudgetWaitPriority).HasMaxLength(16);
        builder.Ignore(x => x.FailureText);
        builder.Property(x => x.Version).IsConcurrencyToken();

        // The stalled-work sweep: operations in a running state, oldest update first.
        builder.HasIndex(x => new { x.CurrentState, x.UpdatedAt });
    }
}
