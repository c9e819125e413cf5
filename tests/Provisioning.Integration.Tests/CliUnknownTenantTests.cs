using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.Cli;
using Provisioning.Components.Persistence;
using Provisioning.Integration.Tests.Infrastructure;
using Serilog.Core;

namespace Provisioning.Integration.Tests;

/// <summary>A tenant id that was never provisioned, through the CLI and the front door of an embedded worker.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class CliUnknownTenantTests : IAsyncLifetime
{
    readonly string _database = Path.Combine(Path.GetTempPath(), $"wfp-cli-ghost-{Guid.NewGuid():N}.db");
    readonly CapturedLogs _logs = new();
    WorkerHost _worker = null!;

    public async Task InitializeAsync() => _worker = await WorkerHost.StartAsync(new Dictionary<string, string?>
    {
        ["Database:ConnectionString"] = $"Data Source={_database}",
        ["Cloudflare:Mode"] = "Emulator",
        ["Provisioning:UnknownTenantGrace"] = "00:00:01",
        ["Provisioning:ParkedCommandSweepInterval"] = "00:00:01",
        ["Serilog:MinimumLevel:Override:Provisioning.Worker.FrontDoor"] = "Information",
    }, services => services.AddSingleton<ILogEventSink>(_logs));

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    [Fact]
    public async Task A_command_for_a_tenant_that_never_existed_is_rejected_and_leaves_no_tenant_behind()
    {
        var worker = _worker.Address.ToString();

        var (code, output) = await BrokerTests.RunCliAsync("attach", "ghost", "--kv", "X", "--worker", worker, "--timeout", "60");
        Assert.True(code == ExitCodes.Failed, output);
        Assert.Contains("CommandRejected", output, StringComparison.Ordinal);
        Assert.Contains("does not exist", output, StringComparison.Ordinal);

        (code, output) = await BrokerTests.RunCliAsync("status", "ghost", "--worker", worker);
        Assert.True(code == ExitCodes.NotFound, output);

        (code, output) = await BrokerTests.RunCliAsync("tenants", "--worker", worker);
        Assert.True(code == ExitCodes.Success, output);
        Assert.DoesNotContain("ghost", output, StringComparison.Ordinal);

        // The sweep removes the bookkeeping row right after the rejection it publishes through the outbox.
        var contexts = _worker.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ProvisioningDbContext>>();
        await ProvisioningApp.WaitUntilAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            return !db.Tenants.Any(x => x.TenantId == "ghost");
        });
    }

    [Fact]
    public async Task The_front_door_logs_a_retry_compensation_without_a_null_command_id()
    {
        using var http = new HttpClient { BaseAddress = _worker.Address };

        using var response = await http.PostAsJsonAsync("commands/retry-compensation", new { tenantId = "nobody" });

        response.EnsureSuccessStatusCode();
        var line = Assert.Single(_logs.Events, e => e.MessageTemplate.Text.StartsWith("Front door published", StringComparison.Ordinal)).RenderMessage();
        Assert.Contains("RetryCompensation", line, StringComparison.Ordinal);
        Assert.DoesNotContain("null", line, StringComparison.Ordinal);
    }
}
