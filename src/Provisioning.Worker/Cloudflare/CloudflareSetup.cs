using Provisioning.Cloudflare;
using Provisioning.CloudflareEmulator;

namespace Provisioning.Worker.Cloudflare;

public static class CloudflareSetup
{
    /// <summary>The embedded emulator's port, the same as the standalone emulator's documented one.</summary>
    public const int DefaultEmulatorPort = 8787;

    /// <summary>
    /// The Cloudflare client from the "Cloudflare" section. In <see cref="CloudflareMode.Emulator"/> mode it first starts
    /// the Cloudflare emulator in this process and points the client at it; the caller disposes the returned emulator
    /// when the host has stopped (null in <see cref="CloudflareMode.Api"/> mode). In Api mode a missing token or account
    /// id stops the worker here, before anything runs: production never provisions tenants into a fake.
    /// </summary>
    public static async Task<EmulatorServer?> AddCloudflareOrEmbeddedEmulatorAsync(this IHostApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(CloudflareOptions.SectionName);
        EmulatorServer? emulator = null;

        if (ModeOf(builder) == CloudflareMode.Emulator)
        {
            var options = builder.Configuration.GetSection(EmulatorOptions.SectionName).Get<EmulatorOptions>() ?? new EmulatorOptions();
            options.StatePath = EmbeddedEmulatorState.PathFor(builder.Configuration);
            emulator = await StartEmbeddedEmulatorAsync(options, builder.Configuration.GetValue("Emulator:Port", DefaultEmulatorPort), cancellationToken);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cloudflare:BaseAddress"] = emulator.ApiBaseAddress.ToString(),
                ["Cloudflare:AccountId"] = EmulatorDefaults.AccountId,
                ["Cloudflare:ApiToken"] = EmulatorDefaults.ApiToken,
            });
            StartupLog.Write(
                "Cloudflare: embedded emulator at {EmulatorAddress} (admin API {EmulatorAdminAddress}; state {EmulatorStatePath}, Emulator__StatePath=memory keeps it in memory; set Cloudflare__Mode=Api, Cloudflare__ApiToken and Cloudflare__AccountId for the real API)",
                emulator.ApiBaseAddress, emulator.AdminBaseAddress, EmbeddedEmulatorState.Describe(options.StatePath));
        }
        else
        {
            // Every missing setting in one line, so a first start does not fail twice; an empty value counts as missing.
            var missing = new[] { nameof(CloudflareOptions.ApiToken), nameof(CloudflareOptions.AccountId) }
                .Where(setting => string.IsNullOrWhiteSpace(section[setting]))
                .Select(setting => $"Cloudflare__{setting}")
                .ToList();
            if (missing.Count > 0)
            {
                throw new WorkerConfigurationException(
                    $"Cloudflare:Mode is Api but {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set: set {(missing.Count == 1 ? "it" : "them")}, or Cloudflare__Mode=Emulator to run against the embedded emulator.");
            }

            StartupLog.Write("Cloudflare: API at {CloudflareBaseAddress} for account {CloudflareAccountId}",
                section[nameof(CloudflareOptions.BaseAddress)] ?? CloudflareOptions.DefaultBaseAddress.ToString(),
                section[nameof(CloudflareOptions.AccountId)]);
        }

        builder.AddCloudflareClient();
        return emulator;
    }

    /// <summary>
    /// <c>Cloudflare:Mode</c> when set; otherwise Emulator in the Development environment or when no Cloudflare section
    /// is configured at all (the README's first command), else Api.
    /// </summary>
    public static CloudflareMode ModeOf(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(CloudflareOptions.SectionName);
        var configured = section["Mode"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Enum.TryParse<CloudflareMode>(configured, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
                ? mode
                : throw new WorkerConfigurationException($"Cloudflare:Mode '{configured}' is not one of Emulator, Api.");
        }

        return builder.Environment.IsDevelopment() || !section.Exists() ? CloudflareMode.Emulator : CloudflareMode.Api;
    }

    static async Task<EmulatorServer> StartEmbeddedEmulatorAsync(EmulatorOptions options, int port, CancellationToken cancellationToken)
    {
        try
        {
            return await EmulatorServer.StartAsync(options, TimeProvider.System, port, cancellationToken);
        }
        catch (EmulatorStateInUseException ex)
        {
            // Typically a second worker on the same SQLite database: its own emulator would not see the first one's writes.
            throw new WorkerConfigurationException(
                $"{ex.Message} Set Emulator__StatePath to another file (or to {EmulatorOptions.InMemoryStatePath}), or run one standalone emulator and point every worker at it with Cloudflare__Mode=Api.",
                ex);
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
