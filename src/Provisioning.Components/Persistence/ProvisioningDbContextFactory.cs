namespace Provisioning.Components.Persistence;

/// <summary>Hands out the provider's subclass (which carries its migrations) as the common context type.</summary>
sealed class ProvisioningDbContextFactory<TProviderContext>(IDbContextFactory<TProviderContext> inner)
    : IDbContextFactory<ProvisioningDbContext>
    where TProviderContext : ProvisioningDbContext
{
    public ProvisioningDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<ProvisioningDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
