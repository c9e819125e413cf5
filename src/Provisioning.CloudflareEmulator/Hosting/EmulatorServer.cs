using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Provisioning.CloudflareEmulator.Hosting;

namespace Provisioning.CloudflareEmulator;

/// <summary>The emulator on real Kestrel at http://127.0.0.1:&lt;free port&gt;, for tests in any project.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, Uri root)
    {
        _app = app;
        ApiBaseAddress = new Uri(root, "client/v4/");
        AdminBaseAddress = new Uri(root, "__emulator/");
    }

    /// <summary>"http://127.0.0.1:&lt;port&gt;/client/v4/" (trailing slash).</summary>
    public Uri ApiBaseAddress { get; }

    /// <summary>"http://127.0.0.1:&lt;port&gt;/__emulator/".</summary>
    public Uri AdminBaseAddress { get; }

    public static Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, TimeProvider.System, cancellationToken);

    public static Task<EmulatorServer> StartAsync(EmulatorOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default) =>
        StartAsync(options, timeProvider, port: 0, cancellationToken);

    /// <summary>Starts on 127.0.0.1:<paramref name="port"/>; 0 picks a free port.</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, TimeProvider timeProvider, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddEmulator(options, timeProvider);
        var app = builder.Build();
        try
        {
            app.UseEmulator();
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            // A state file in use or a taken port fails here; release what the host built so the caller can try again.
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
