using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Provisioning.Worker;
using Provisioning.Worker.Cloudflare;

namespace Provisioning.Integration.Tests;

/// <summary>The embedded emulator only ever runs when chosen (explicitly, or by a development or unconfigured host).</summary>
public sealed class CloudflareModeTests
{
    [Fact]
    public void A_host_without_any_Cloudflare_settings_runs_the_embedded_emulator()
    {
        Assert.Equal(CloudflareMode.Emulator, CloudflareSetup.ModeOf(Builder(Environments.Production, [])));
    }

    [Fact]
    public void A_development_host_runs_the_embedded_emulator_unless_told_otherwise()
    {
        var settings = new Dictionary<string, string?> { ["Cloudflare:BaseAddress"] = "http://127.0.0.1:1/client/v4/" };

        Assert.Equal(CloudflareMode.Emulator, CloudflareSetup.ModeOf(Builder(Environments.Development, settings)));
        Assert.Equal(CloudflareMode.Api, CloudflareSetup.ModeOf(Builder(Environments.Development, new(settings) { ["Cloudflare:Mode"] = "api" })));
    }

    [Fact]
    public async Task A_production_host_configured_for_the_api_without_a_token_stops_with_the_setting_to_change()
    {
        var builder = Builder(Environments.Production, new() { ["Cloudflare:AccountId"] = "023e105f4ecef8ad9ca31a8372d0c353" });

        var error = await Assert.ThrowsAsync<WorkerConfigurationException>(() => builder.AddCloudflareOrEmbeddedEmulatorAsync());

        Assert.Contains("Cloudflare__ApiToken", error.Message, StringComparison.Ordinal);
        Assert.Equal(CloudflareMode.Api, CloudflareSetup.ModeOf(builder));
    }

    [Fact]
    public async Task An_api_host_with_its_settings_starts_no_emulator()
    {
        var builder = Builder(Environments.Production, new()
        {
            ["Cloudflare:Mode"] = "Api", ["Cloudflare:AccountId"] = "023e105f4ecef8ad9ca31a8372d0c353", ["Cloudflare:ApiToken"] = "a-token",
            ["Cloudflare:BaseAddress"] = "http://127.0.0.1:1/client/v4/",
        });

        await using var emulator = await builder.AddCloudflareOrEmbeddedEmulatorAsync();

        Assert.Null(emulator);
    }

    [Fact]
    public void An_unknown_mode_is_refused_by_name()
    {
        var error = Assert.Throws<WorkerConfigurationException>(() =>
            CloudflareSetup.ModeOf(Builder(Environments.Production, new() { ["Cloudflare:Mode"] = "Fake" })));

        Assert.Contains("Emulator, Api", error.Message, StringComparison.Ordinal);
    }

    static WebApplicationBuilder Builder(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
