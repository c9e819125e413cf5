using System.Net;
using MassTransit;
using Microsoft.Extensions.Options;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;
using Provisioning.Worker.Memory;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace Provisioning.Integration.Tests;

/// <summary>The worker host itself: health endpoints, logs, options validated at start.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class HostTests(HostTests.App app) : IClassFixture<HostTests.App>
{
    public sealed class App(TestServices services) : ProvisioningApp(services);

    [Fact]
    public async Task Live_and_ready_are_healthy_with_the_bus_and_the_database_up()
    {
        using var http = new HttpClient { BaseAddress = app.Worker.Address };

        using var live = await http.GetAsync("health/live");
        using var ready = await http.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_line_about_the_tenant_carries_its_ids_and_no_secret_value_is_logged()
    {
        const string secret = "sup3r-s3cret-value-7f3a";
        var tenantId = ProvisioningApp.NewTenantId("logs");
        var commandId = await app.ProvisionTenantAsync(tenantId,
            [new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace }],
            [new BindingSpec { Name = "API_KEY", Type = BindingTypes.SecretText, Text = secret }]);
        await app.WaitForOutcomeAsync<TenantProvisioned>(commandId);

        var events = app.Logs.Events;
        var aboutTenant = events.Where(e => e.RenderMessage().Contains(tenantId, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(aboutTenant);
        Assert.All(aboutTenant, e =>
        {
            Assert.True(e.Properties.TryGetValue("TenantId", out var t) && t.ToString() == $"\"{tenantId}\"", $"no TenantId on: {e.RenderMessage()}");
            Assert.True(e.Properties.ContainsKey("CommandId"), $"no CommandId on: {e.RenderMessage()}");
        });
        Assert.DoesNotContain(events, e => e.RenderMessage().Contains(secret, StringComparison.Ordinal)
            || e.Properties.Values.Any(v => v.ToString().Contains(secret, StringComparison.Ordinal))
            || e.Exception?.ToString().Contains(secret, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(events, e => e.RenderMessage().Contains(Provisioning.CloudflareEmulator.EmulatorDefaults.ApiToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_consumed_message_counts_as_work_for_the_idle_memory_release()
    {
        var activity = app.Worker.Services.GetRequiredService<WorkActivity>();
        var before = activity.Consumed;

        var commandId = await app.ProvisionTenantAsync(ProvisioningApp.NewTenantId("activity"),
            [new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace }], []);
        await app.WaitForOutcomeAsync<TenantProvisioned>(commandId);

        // The command's intake, the saga's events and steps, the outcome: several messages, each counted.
        Assert.True(activity.Consumed - before >= 3, $"consumed {activity.Consumed - before}");
    }

    [Fact]
    public async Task A_malformed_broker_address_stops_the_worker_at_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WorkerHost.StartAsync(new Dictionary<string, string?>
        {
            ["RabbitMq:Uri"] = "http://127.0.0.1:15672/",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"wfp-{NewId.NextGuid():N}.db")}",
            ["Database:MigrateOnStart"] = "false",
        }));

        Assert.Contains("RabbitMq:Uri", error.Message, StringComparison.Ordinal);
    }
}
