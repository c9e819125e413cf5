using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Provisioning.Cloudflare;
using Provisioning.Cloudflare.Budget;
using Provisioning.Cloudflare.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Cloudflare client: <see cref="ICloudflareClient"/> and every area client.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the client uses.</summary>
    public const string HttpClientName = "Provisioning.Cloudflare";

    /// <summary>Adds the client with options bound from the <c>Cloudflare</c> section of the host's configuration.</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddCloudflareClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCloudflareClient(builder.Configuration.GetSection(CloudflareOptions.SectionName));
        return builder;
    }

    /// <summary>Adds the client with options bound from <paramref name="configuration"/> (the <c>Cloudflare</c> section).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <returns>The HttpClient builder, to add handlers or replace the primary handler.</returns>
    public static IHttpClientBuilder AddCloudflareClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CloudflareOptions>().Bind(configuration);
        return services.AddCloudflareClientCore();
    }

    /// <summary>Adds the client with options set in code (tests, or pointing at the emulator).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HttpClient builder, to add handlers or replace the primary handler.</returns>
    public static IHttpClientBuilder AddCloudflareClient(this IServiceCollection services, Action<CloudflareOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<CloudflareOptions>().Configure(configure);
        return services.AddCloudflareClientCore();
    }

    private static IHttpClientBuilder AddCloudflareClientCore(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(AccountRequestBudgets)))
        {
            // Registered before: the options above add up, but the handlers must not be stacked twice.
            return services.AddHttpClient(HttpClientName);
        }

        services.AddOptions<CloudflareOptions>()
            .PostConfigure(o =>
            {
                // Without the slash, relative routes would replace the last segment ("v4") instead of appending to it.
                if (o.BaseAddress is { IsAbsoluteUri: true } address && !address.AbsolutePath.EndsWith('/'))
                {
                    o.BaseAddress = new Uri(address.GetLeftPart(UriPartial.Path) + "/");
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CloudflareOptions>, CloudflareOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        // One node's budget; a host with replicas registers a shared store (PostgreSQL) instead, before or after this.
        services.TryAddSingleton<IRequestBudgetStore>(p => new InProcessRequestBudgetStore(p.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<AccountRequestBudgets>();
        services.TryAddSingleton<RequestBudgetReader>();
        services.TryAddTransient<RequestBudgetHandler>();
        services.TryAddTransient<RateLimitObserverHandler>();
        services.AddMetrics();
        services.TryAddSingleton<CloudflareMetrics>();
        services.TryAddTransient<RequestLoggingHandler>();
        services.TryAddTransient<AuthenticationHandler>();

        var http = services
            .AddHttpClient<CloudflareConnection>(HttpClientName, (provider, client) =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<CloudflareOptions>>().CurrentValue;
                client.BaseAddress = options.BaseAddress;
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
                client.DefaultRequestHeaders.UserAgent.ParseAdd("wfp-provisioner/1.0");
            })
            // The factory's default loggers log full URIs at Information; ours logs route templates at Debug.
            .RemoveAllLoggers()
            .AddHttpMessageHandler<RequestBudgetHandler>();
        http.AddResilienceHandler(CloudflareResilience.PipelineName, CloudflareResilience.Configure);
        http.AddHttpMessageHandler<RateLimitObserverHandler>()
            .AddHttpMessageHandler<RequestLoggingHandler>()
            .AddHttpMessageHandler<AuthenticationHandler>();

        services.TryAddTransient<IDispatchNamespacesClient>(p => new DispatchNamespacesClient(p.GetRequiredService<CloudflareConnection>()));
        services.TryAddTransient<IWorkerScriptsClient>(p => new WorkerScriptsClient(p.GetRequiredService<CloudflareConnection>()));
        services.TryAddTransient<IKvNamespacesClient>(p => new KvNamespacesClient(p.GetRequiredService<CloudflareConnection>()));
        services.TryAddTransient<ID1DatabasesClient>(p => new D1DatabasesClient(p.GetRequiredService<CloudflareConnection>()));
        services.TryAddTransient<IR2BucketsClient>(p => new R2BucketsClient(p.GetRequiredService<CloudflareConnection>()));
        services.TryAddTransient<ICloudflareClient, CloudflareClient>();
        return http;
    }
}
