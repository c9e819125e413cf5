using Microsoft.EntityFrameworkCore;

namespace Provisioning.Components.Tests.Persistence.Probe;

/// <summary>Counts contexts: one per delivery attempt, so Created minus deliveries = retries.</summary>
public sealed class CountingDbContextFactory(DbContextOptions<ProbeDbContext> options) : IDbContextFactory<ProbeDbContext>
{
    int _created;

    public int Created => Volatile.Read(ref _created);

    public ProbeDbContext CreateDbContext()
    {
        Interlocked.Increment(ref _created);
        return new ProbeDbContext(options);
    }
}
