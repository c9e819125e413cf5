using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Provisioning.CloudflareEmulator.Api;
using Provisioning.CloudflareEmulator.Endpoints;
using Provisioning.CloudflareEmulator.State;

namespace Provisioning.CloudflareEmulator.Hosting;

/// <summary>The wiring shared by the standalone host and <see cref="EmulatorServer"/>.</summary>
internal static class EmulatorApplication
{
    public static void AddEmulator(this IServiceCollection services, EmulatorOptions options, TimeProvider timeProvider)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(options);
        services.AddSingleton(timeProvider);
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<OperationCounters>();
        services.AddSingleton<IStatePersistence>(_ =>
            EmulatorOptions.IsInMemory(options.StatePath) ? new InMemoryPersistence() : new SqlitePersistence(options.StatePath!));
        services.AddSingleton<EmulatorStore>();
        // Room for the largest script the options allow; Kestrel's 30 MB default would answer a bare 413 first.
        services.Configure<KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = Math.Max(30L * 1024 * 1024, options.MaxScriptSizeBytes + (1024 * 1024)));
        // Admin bodies are camelCase (web defaults); accept any casing on input.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNameCaseInsensitive = true);
    }

    public static void UseEmulator(this WebApplication app)
    {
        // Resolve the store now so a broken StatePath fails at start, not on the first call.
        app.Services.GetRequiredService<EmulatorStore>();
        app.UseRouting();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/client/v4", StringComparison.Ordinal),
            branch => branch.UseMiddleware<ApiPipelineMiddleware>());
        DispatchNamespaceEndpoints.Map(app);
        ScriptEndpoints.Map(app);
        ScriptSecretAndTagEndpoints.Map(app);
        KvEndpoints.Map(app);
        D1Endpoints.Map(app);
        R2Endpoints.Map(app);
        AccountEndpoints.Map(app);
        AdminEndpoints.Map(app);
    }
}
