using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.Cloudflare;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary><c>POST /reconcile</c> on a worker on RabbitMQ and PostgreSQL: the report over the bus, then the fix.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class ReconcileTests(ReconcileTests.App app) : IClassFixture<ReconcileTests.App>
{
    public sealed class App(TestServices services) : ProvisioningApp(services);

    [Fact]
    public async Task The_front_door_reports_a_leftover_and_the_fix_deletes_it_and_nothing_else()
    {
        var tenantId = ProvisioningApp.NewTenantId("recon");
        await app.WaitForOutcomeAsync<TenantProvisioned>(await app.ProvisionTenantAsync(tenantId));
        var deprovision = new DeprovisionTenant { CommandId = Guid.NewGuid(), TenantId = tenantId };
        await app.WaitForOutcomeAsync<TenantDeprovisioned>(await app.SendAsync(deprovision, deprovision.CommandId));
        var cloudflare = app.Worker.Services.GetRequiredService<ICloudflareClient>();
        await cloudflare.KvNamespaces.CreateAsync($"wfp-{tenantId}-leftover", CancellationToken.None);
        await cloudflare.KvNamespaces.CreateAsync($"not-ours-{tenantId}", CancellationToken.None);
        using var http = new HttpClient { BaseAddress = app.Worker.Address, Timeout = TimeSpan.FromMinutes(2) };

        var report = await PostAsync(http, "reconcile");
        var orphan = Assert.Single(report.Findings, x => x.Name == $"wfp-{tenantId}-leftover");
        Assert.Equal((ReconciliationKinds.Orphan, "none"), (orphan.Kind, orphan.Action));
        Assert.DoesNotContain(report.Findings, x => x.Name == $"not-ours-{tenantId}");

        var fixedReport = await PostAsync(http, "reconcile?fix=true");
        Assert.Equal("deleted", Assert.Single(fixedReport.Findings, x => x.Name == $"wfp-{tenantId}-leftover").Action);
        var titles = (await app.Emulator.GetAccountAsync()).KvNamespaces.Select(x => x.Title).ToList();
        Assert.DoesNotContain($"wfp-{tenantId}-leftover", titles);
        Assert.Contains($"not-ours-{tenantId}", titles);
    }

    [Fact]
    public async Task Wfp_reconcile_over_rabbitmq_reports_then_fixes_and_exits_by_what_is_left()
    {
        var tenantId = ProvisioningApp.NewTenantId("recli");
        await app.WaitForOutcomeAsync<TenantProvisioned>(await app.ProvisionTenantAsync(tenantId));
        var deprovision = new DeprovisionTenant { CommandId = Guid.NewGuid(), TenantId = tenantId };
        await app.WaitForOutcomeAsync<TenantDeprovisioned>(await app.SendAsync(deprovision, deprovision.CommandId));
        var cloudflare = app.Worker.Services.GetRequiredService<ICloudflareClient>();
        await cloudflare.KvNamespaces.CreateAsync($"wfp-{tenantId}-leftover", CancellationToken.None);
        var broker = app.VirtualHost.AmqpUri.ToString();

        var (code, output) = await BrokerTests.RunCliAsync("reconcile", "--rabbitmq", broker);
        Assert.True(code == Provisioning.Cli.ExitCodes.Failed, output);
        Assert.Contains($"kv_namespace wfp-{tenantId}-leftover", output, StringComparison.Ordinal);
        Assert.Contains("[none]", output, StringComparison.Ordinal);

        (code, output) = await BrokerTests.RunCliAsync("reconcile", "--fix", "--json", "--rabbitmq", broker);
        Assert.True(code == Provisioning.Cli.ExitCodes.Success, output);
        var json = output[output.IndexOf('{', StringComparison.Ordinal)..];
        var report = JsonSerializer.Deserialize<ReconciliationReport>(json, JsonSerializerOptions.Web)!;
        Assert.Equal("deleted", Assert.Single(report.Findings, x => x.Name == $"wfp-{tenantId}-leftover").Action);
    }

    static async Task<ReconciliationReport> PostAsync(HttpClient http, string path)
    {
        using var response = await http.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReconciliationReport>(JsonSerializerOptions.Web))!;
    }
}
