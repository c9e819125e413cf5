using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Provisioning.Components.Persistence.Budget;

public sealed class RequestBudgetRowConfiguration : IEntityTypeConfiguration<RequestBudgetRow>
{
    public const string Table = "RequestBudgets";

    public void Configure(EntityTypeBuilder<RequestBudgetRow> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.AccountId);
        builder.Property(x => x.AccountId).HasMaxLength(64);
    }
}
