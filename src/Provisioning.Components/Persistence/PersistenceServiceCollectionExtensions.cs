using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Provisioning.Components.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the pooled <see cref="IDbContextFactory{ProvisioningDbContext}"/> for the provider chosen by the
    /// <c>Database</c> section, and (unless <c>Database:MigrateOnStart</c> is false) the migration at start.
    /// </summary>
    public static IHostApplicationBuilder AddProvisioningPersistence(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddProvisioningPersistence(options);
        return builder;
    }

    /// <summary>Registers the context factory for <paramref name="options"/> (tests and hosts without configuration).</summary>
    public static IServiceCollection AddProvisioningPersistence(this IServiceCollection services, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);

        // Pooled: a delivery creates several contexts (saga, outbox relay, step guard); a pooled one skips building the
        // context's internal services each time. EF resets a returned context (tracked entities, SavedChanges handlers).
        if (options.Provider == DatabaseProvider.Postgres)
        {
            // Validated at start as well; failing here names the setting before anything else breaks on it.
            var connectionString = options.GetEffectiveConnectionString();
            services.AddPooledDbContextFactory<PostgresProvisioningDbContext>(o => o.UseNpgsql(connectionString));
            services.AddSingleton<IDbContextFactory<ProvisioningDbContext>>(sp =>
                new ProvisioningDbContextFactory<PostgresProvisioningDbContext>(
                    sp.GetRequiredService<IDbContextFactory<PostgresProvisioningDbContext>>()));
        }
        else
        {
            var connectionString = options.GetEffectiveConnectionString();
            services.AddPooledDbContextFactory<SqliteProvisioningDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqliteConnectionPragmas()));
            services.AddSingleton<IDbContextFactory<ProvisioningDbContext>>(sp =>
                new ProvisioningDbContextFactory<SqliteProvisioningDbContext>(
                    sp.GetRequiredService<IDbContextFactory<SqliteProvisioningDbContext>>()));
        }

        if (options.MigrateOnStart)
        {
            services.AddHostedService<DatabaseMigrator>();
        }

        return services;
    }
}
