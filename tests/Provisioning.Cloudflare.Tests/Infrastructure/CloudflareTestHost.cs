using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Provisioning.Cloudflare.Tests.Infrastructure;

/// <summary>The real DI wiring (<c>AddCloudflareClient</c>) with a stub primary handler, a fake clock and captured logs.</summary>
public sealed class CloudflareTestHost : IDisposable
{
    public const string AccountId = "023e105f4ecef8ad9ca31a8372d0c353";
    public const string ApiToken = "cf-test-token-7c1d0e2f9a8b4c3d-never-log-me";
    public const string BaseAddress = "https://api.test.invalid/client/v4/";

    private readonly CancellationTokenSource _stopping = new();

    private CloudflareTestHost(Action<CloudflareOptions>? configure)
    {
        Clock = new TestClock();
        Stub = new StubHttpMessageHandler(Clock);
        Logs = new CapturingLoggerProvider();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddCloudflareClient(options =>
            {
                options.AccountId = AccountId;
                options.ApiToken = ApiToken;
                options.BaseAddress = new Uri(BaseAddress);
                options.Retry.BaseDelay = TimeSpan.Zero;
                configure?.Invoke(options);
            })
            .ConfigurePrimaryHttpMessageHandler(() => Stub);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public TestClock Clock { get; }

    public StubHttpMessageHandler Stub { get; }

    public CapturingLoggerProvider Logs { get; }

    public ServiceProvider Services { get; }

    public ICloudflareClient Client => Services.GetRequiredService<ICloudflareClient>();

    /// <summary>
    /// Cancelled on dispose. Tests on the fake clock pass it so a failing test does not leave a call in flight:
    /// disposing the pipeline waits for in-flight executions on the (frozen) fake clock.
    /// </summary>
    public CancellationToken Token => _stopping.Token;

    public static CloudflareTestHost Create(Action<CloudflareOptions>? configure = null) => new(configure);

    public static string AccountPath(string rest) => $"/client/v4/accounts/{AccountId}/{rest}";

    public void Dispose()
    {
        _stopping.Cancel();
        Services.Dispose();
        _stopping.Dispose();
    }
}
