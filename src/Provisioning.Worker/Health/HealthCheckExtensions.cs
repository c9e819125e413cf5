using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Provisioning.Components.Persistence;

namespace Provisioning.Worker.Health;

public static class HealthCheckExtensions
{
    /// <summary>Tag of the checks behind /health/ready; MassTransit tags its bus check "ready" too.</summary>
    public const string ReadyTag = "ready";

    /// <summary>/health/live = the process answers; /health/ready = the bus (MassTransit's "ready" checks) and the database.</summary>
    public static IHostApplicationBuilder AddProvisioningHealthChecks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // AddDbContextCheck resolves the context itself; the rest of the worker uses the factory.
        builder.Services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>().CreateDbContext());
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<ProvisioningDbContext>("database", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapProvisioningHealthChecks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}
