using Provisioning.Cloudflare;
using Provisioning.CloudflareEmulator;

namespace Provisioning.Worker.Cloudflare;

public static class CloudflareSetup
{
    /// <summary>The embedded emulator's port, the same as the standalone emulator's documented one.</summary>
    public const int DefaultEmulatorPort = 8787;

    /// <summary>
    /// The Cloudflare client from the "Cloudflare" section. Without <c>Cloudflare:ApiToken</c> (the embedded default)
    /// it first starts the Cloudflare emulator in this process and points the client at it; the caller disposes the
    /// returned emulator when the host has stopped (null when the real API, or an external emulator, is used).
    /// </summary>
    public static async Task<EmulatorServer?> AddCloudflareOrEmbeddedEmulatorAsync(this IHostApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(CloudflareOptions.SectionName);
        EmulatorServer? emulator = null;

        if (string.IsNullOrWhiteSpace(section[nameof(CloudflareOptions.ApiToken)]))
        {
            var options = builder.Configuration.GetSection(EmulatorOptions.SectionName).Get<EmulatorOptions>() ?? new EmulatorOptions();
            emulator = await StartEmbeddedEmulatorAsync(options, builder.Configuration.GetValue("Emulator:Port", DefaultEmulatorPort), cancellationToken);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cloudflare:BaseAddress"] = emulator.ApiBaseAddress.ToString(),
                ["Cloudflare:AccountId"] = EmulatorDefaults.AccountId,
                ["Cloudflare:ApiToken"] = EmulatorDefaults.ApiToken,
            });
            StartupLog.Write(
                "Cloudflare: embedded emulator at {EmulatorAddress} (admin API {EmulatorAdminAddress}; set Cloudflare__ApiToken and Cloudflare__BaseAddress for the real API)",
                emulator.ApiBaseAddress, emulator.AdminBaseAddress);
        }
        else
        {
            StartupLog.Write("Cloudflare: API at {CloudflareBaseAddress} for account {CloudflareAccountId}",
                section[nameof(CloudflareOptions.BaseAddress)] ?? CloudflareOptions.DefaultBaseAddress.ToString(),
                section[nameof(CloudflareOptions.AccountId)]);
        }

        builder.AddCloudflareClient();
        return emulator;
    }

    static async Task<EmulatorServer> StartEmbeddedEmulatorAsync(EmulatorOptions options, int port, CancellationToken cancellationToken)
    {
        try
        {
            return await EmulatorServer.StartAsync(options, TimeProvider.System, port, cancellationToken);
        }
        catch (IOException ex) when (port != 0)
        {
            // Another emulator (or a second worker on this machine) holds the port: a free one keeps the worker usable,
            // and the startup line below names the address actually used.
            StartupLog.Write("Cloudflare: emulator port {EmulatorPort} is taken ({Reason}); using a free port", port, ex.Message);
            return await EmulatorServer.StartAsync(options, TimeProvider.System, 0, cancellationToken);
        }
    }
}
