using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Provisioning.Cloudflare.Budget;

namespace Provisioning.Components.Persistence.Budget;

public static class SharedRequestBudgetExtensions
{
    /// <summary>
    /// With <c>Database:Provider=Postgres</c>, the Cloudflare request budget lives in the database, one row per account
    /// shared by every replica: <c>Cloudflare:RequestBudget</c> is then the account's budget whatever the replica count.
    /// With SQLite (one node) the client keeps its in-process budget. Before or after <c>AddCloudflareClient</c>.
    /// </summary>
    public static IHostApplicationBuilder AddSharedRequestBudget(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSharedRequestBudget(options);
        return builder;
    }

    /// <summary>Registers the shared budget for <paramref name="options"/> (see the builder overload).</summary>
    public static IServiceCollection AddSharedRequestBudget(this IServiceCollection services, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != DatabaseProvider.Postgres)
        {
            return services;
        }

        // Replace rather than TryAdd: AddCloudflareClient may have registered the in-process store already.
        var connectionString = options.GetEffectiveConnectionString();
        services.RemoveAll<IRequestBudgetStore>();
        services.AddSingleton<IRequestBudgetStore>(_ => new PostgresRequestBudgetStore(connectionString));
        return services;
    }
}
