using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.Cli;
using Provisioning.CloudflareEmulator;
using Provisioning.CloudflareEmulator.Inspection;
using Provisioning.Integration.Tests.Infrastructure;
using Provisioning.Worker;
using Provisioning.Worker.Cloudflare;

namespace Provisioning.Integration.Tests;

/// <summary>
/// The embedded emulator keeps its state next to the worker's SQLite database, so a restarted worker still finds the
/// namespaces, scripts and KV namespaces of the tenants its database calls Active.
/// </summary>
public sealed class EmbeddedEmulatorStateTests : IDisposable
{
    readonly string _directory = Path.Combine(Path.GetTempPath(), $"wfp-embedded-state-{Guid.NewGuid():N}");

    string Database => Path.Combine(_directory, "wfp-provisioner.db");

    [Fact]
    public async Task A_restarted_embedded_worker_keeps_the_emulators_namespaces_scripts_and_kv_so_deploy_still_works()
    {
        Directory.CreateDirectory(_directory);
        var module = Path.Combine(_directory, "v2.js");
        await File.WriteAllTextAsync(module, "export default { fetch() { return new Response('v2'); } };");

        await using (var first = await StartEmbeddedWorkerAsync())
        {
            var (code, output) = await CliAsync("provision", "acme", "--kv", "CACHE", "--worker", first.Address.ToString());
            Assert.True(code == ExitCodes.Success, output);
        }

        Assert.True(File.Exists(Path.Combine(_directory, "wfp-provisioner.emulator.db")), "no emulator state file next to the database");
        await using var second = await StartEmbeddedWorkerAsync();

        var account = await EmbeddedEmulatorAccountAsync(second);
        Assert.Contains(account.DispatchNamespaces, n => n.Name == "wfp-tenants");
        Assert.Contains(account.Scripts, s => s.Name == "acme" && s.Namespace == "wfp-tenants");
        Assert.Contains(account.KvNamespaces, k => k.Title == "wfp-acme-cache");
        // The symptom: before, the restarted emulator had no namespace and deploy failed with 100119.
        var (deployCode, deployOutput) = await CliAsync("deploy", "acme", "--module", module, "--worker", second.Address.ToString());
        Assert.True(deployCode == ExitCodes.Success, deployOutput);
        Assert.Contains("ScriptDeployed", deployOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_embedded_emulator_on_the_same_state_file_stops_the_worker_naming_the_setting()
    {
        Directory.CreateDirectory(_directory);
        await using var first = await EmbeddedBuilder().AddCloudflareOrEmbeddedEmulatorAsync();

        var error = await Assert.ThrowsAsync<WorkerConfigurationException>(() => EmbeddedBuilder().AddCloudflareOrEmbeddedEmulatorAsync());

        Assert.Contains("Emulator__StatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_directory, "wfp-provisioner.emulator.db"), error.Message, StringComparison.Ordinal);
        // An explicit in-memory emulator does not need the file.
        var inMemory = EmbeddedBuilder();
        inMemory.Configuration["Emulator:StatePath"] = "memory";
        await using var second = await inMemory.AddCloudflareOrEmbeddedEmulatorAsync();
        Assert.NotNull(second);
    }

    [Theory]
    [InlineData(null, null, "wfp-provisioner.emulator.db")]
    [InlineData("Data Source=/var/lib/wfp/tenants.db", null, "/var/lib/wfp/tenants.emulator.db")]
    [InlineData("Data Source=data/wfp", null, "data/wfp.emulator.db")]
    [InlineData("Data Source=/var/lib/wfp/tenants.db", "/srv/emulator.db", "/srv/emulator.db")]
    [InlineData("Data Source=/var/lib/wfp/tenants.db", "", null)]
    [InlineData("Data Source=/var/lib/wfp/tenants.db", "memory", null)]
    [InlineData("Data Source=:memory:", null, null)]
    [InlineData("Data Source=tenants;Mode=Memory;Cache=Shared", null, null)]
    public void The_state_file_sits_next_to_the_sqlite_database_unless_Emulator_StatePath_says_otherwise(
        string? connectionString, string? statePath, string? expected)
    {
        var settings = new Dictionary<string, string?> { ["Database:ConnectionString"] = connectionString };
        if (statePath is not null)
        {
            settings["Emulator:StatePath"] = statePath;
        }

        Assert.Equal(expected, EmbeddedEmulatorState.PathFor(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
    }

    [Fact]
    public void A_postgres_database_has_no_file_to_sit_next_to_so_the_state_stays_in_memory_unless_configured()
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = "Host=db" };

        Assert.Null(EmbeddedEmulatorState.PathFor(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        settings["Emulator:StatePath"] = "/srv/emulator.db";
        Assert.Equal("/srv/emulator.db", EmbeddedEmulatorState.PathFor(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    Task<WorkerHost> StartEmbeddedWorkerAsync() => WorkerHost.StartAsync(new Dictionary<string, string?>
    {
        ["Database:ConnectionString"] = $"Data Source={Database}",
        ["Cloudflare:Mode"] = "Emulator",
        ["Emulator:Port"] = "0",
    });

    WebApplicationBuilder EmbeddedBuilder()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={Database}",
            ["Emulator:Port"] = "0",
        });
        return builder;
    }

    static async Task<AccountState> EmbeddedEmulatorAccountAsync(WorkerHost worker)
    {
        // The embedded emulator's API root is what the worker's Cloudflare client was configured with.
        var api = new Uri(worker.Services.GetRequiredService<IConfiguration>()["Cloudflare:BaseAddress"]!);
        using var admin = new HttpClient { BaseAddress = new Uri(api, "/__emulator/") };
        var state = await admin.GetFromJsonAsync<EmulatorState>("state", JsonSerializerOptions.Web);
        return state!.Accounts.Single(a => a.AccountId == EmulatorDefaults.AccountId);
    }

    static async Task<(int Code, string Output)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await WfpCli.RunAsync(args, output, output, CancellationToken.None);
        return (code, output.ToString());
    }
}
