using Microsoft.EntityFrameworkCore;
using Provisioning.Components.Persistence;

namespace Provisioning.Components.Tests.Persistence.Databases;

/// <summary>An empty database of its own for one test class (xunit class fixture), dropped afterwards.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }

    public string ConnectionString { get; protected set; } = "";

    public DbContextOptions<TContext> Options<TContext>()
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        _ = Provider == DatabaseProvider.Postgres ? builder.UseNpgsql(ConnectionString) : builder.UseSqlite(ConnectionString);
        return builder.Options;
    }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();
}
