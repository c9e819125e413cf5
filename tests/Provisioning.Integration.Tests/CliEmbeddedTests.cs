using Provisioning.Cli;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>
/// README's "Trying it": the worker on its embedded default (in-memory transport, SQLite, the emulator in-process)
/// and the CLI through the worker's HTTP front door.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class CliEmbeddedTests : IAsyncLifetime
{
    readonly string _database = Path.Combine(Path.GetTempPath(), $"wfp-cli-test-{Guid.NewGuid():N}.db");
    WorkerHost _worker = null!;

    public async Task InitializeAsync() => _worker = await WorkerHost.StartAsync(new Dictionary<string, string?>
    {
        ["Database:ConnectionString"] = $"Data Source={_database}",
        ["Cloudflare:Mode"] = "Emulator",
    });

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    [Fact]
    public async Task The_cli_provisions_attaches_deploys_and_deprovisions_through_the_front_door()
    {
        var worker = _worker.Address.ToString();
        var module = Path.Combine(Path.GetTempPath(), $"wfp-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(module, "export default { fetch() { return new Response('v2'); } };");
        try
        {
            var (code, output) = await BrokerTests.RunCliAsync("provision", "acme", "--kv", "CACHE", "--d1", "DB", "--r2", "FILES", "--worker", worker);
            Assert.True(code == ExitCodes.Success, output);
            Assert.Contains("TenantProvisioned: tenant acme", output, StringComparison.Ordinal);
            Assert.Contains("wfp-acme-cache", output, StringComparison.Ordinal);

            (code, output) = await BrokerTests.RunCliAsync("attach", "acme", "--secret", "API_KEY=s3cr3t", "--worker", worker);
            Assert.True(code == ExitCodes.Success, output);
            Assert.DoesNotContain("s3cr3t", output, StringComparison.Ordinal);

            (code, output) = await BrokerTests.RunCliAsync("deploy", "acme", "--module", module, "--worker", worker);
            Assert.True(code == ExitCodes.Success, output);
            Assert.Contains("ScriptDeployed", output, StringComparison.Ordinal);

            (code, output) = await BrokerTests.RunCliAsync("status", "acme", "--worker", worker);
            Assert.True(code == ExitCodes.Success, output);
            Assert.Contains("Tenant acme: Active", output, StringComparison.Ordinal);
            Assert.Contains("API_KEY", output, StringComparison.Ordinal);

            (code, output) = await BrokerTests.RunCliAsync("tenants", "--worker", worker);
            Assert.True(code == ExitCodes.Success, output);
            Assert.Contains("acme", output, StringComparison.Ordinal);
            Assert.Contains("Cloudflare API budget: 1200 requests per 5 min, this replica's (single node); ", output, StringComparison.Ordinal);
            Assert.Contains("; not paused; 0 tenants waiting for budget", output, StringComparison.Ordinal);

            (code, output) = await BrokerTests.RunCliAsync("provision", "acme", "--worker", worker);
            Assert.Equal(ExitCodes.Failed, code);
            Assert.Contains("CommandRejected", output, StringComparison.Ordinal);

            (code, output) = await BrokerTests.RunCliAsync("deprovision", "acme", "--worker", worker);
            Assert.True(code == ExitCodes.Success, output);
            Assert.Contains("TenantDeprovisioned", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(module);
        }
    }

    [Fact]
    public async Task Usage_mistakes_exit_2_and_an_unreachable_worker_exits_3_naming_its_address()
    {
        var (code, _) = await BrokerTests.RunCliAsync("attach", "acme", "--kv", "A", "--d1", "B", "--worker", _worker.Address.ToString());
        Assert.Equal(ExitCodes.Usage, code);

        (code, _) = await BrokerTests.RunCliAsync("provision");
        Assert.Equal(ExitCodes.Usage, code);

        (code, var output) = await BrokerTests.RunCliAsync("status", "acme", "--worker", "http://127.0.0.1:1/");
        Assert.Equal(ExitCodes.Unreachable, code);
        Assert.Contains("http://127.0.0.1:1/", output, StringComparison.Ordinal);
    }
}
