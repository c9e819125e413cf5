using System.Net.Http.Headers;
using Provisioning.Cli;
using Provisioning.CloudflareEmulator;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>The words of detach and deprovision outcomes, and of the binding-update log lines, from a real run.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class CliOutcomeTextTests(CliOutcomeTextTests.App app) : IClassFixture<CliOutcomeTextTests.App>
{
    public sealed class App(TestServices services) : ProvisioningApp(services)
    {
        // A dropped connection fails its step at once instead of after retries and a wait for Cloudflare to come back.
        protected override IReadOnlyDictionary<string, string?> WorkerSettings => new Dictionary<string, string?>
        {
            ["Provisioning:StepRetryLimit"] = "0",
            ["Cloudflare:Retry:MaxRetryAttempts"] = "0",
            ["Cloudflare:OutagePatience"] = "00:00:00",
        };
    }

    [Fact]
    public async Task A_failure_without_a_cloudflare_code_is_logged_without_a_null_code()
    {
        var tenantId = ProvisioningApp.NewTenantId("nocode");
        await app.Emulator.DropNextAsync("scripts.upload");
        await app.Emulator.DropNextAsync("kv.delete", count: 1000);
        try
        {
            var failed = await app.WaitForOutcomeAsync<TenantProvisioningFailed>(
                await app.ProvisionTenantAsync(tenantId, [new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace }]));
            Assert.True(failed.CompensationFailed);
            Assert.Null(failed.ErrorCode);
        }
        finally
        {
            await app.Emulator.ClearFaultsAsync();
        }

        var lines = app.Logs.Events.Where(e => e.MessageTemplate.Text.Contains("failed at {Step}", StringComparison.Ordinal)
            && e.RenderMessage().Contains(tenantId, StringComparison.Ordinal)).Select(e => e.RenderMessage()).ToList();
        Assert.Equal(2, lines.Count);   // the operation's failure and its undo's failure
        Assert.All(lines, line => Assert.DoesNotContain("null", line, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("failed at \"UploadScript\"", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("failed at \"DeleteResource\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Detach_says_the_resource_was_kept_and_deprovision_says_what_was_already_gone()
    {
        var tenantId = ProvisioningApp.NewTenantId("words");
        var broker = app.VirtualHost.AmqpUri.ToString();
        var (code, output) = await BrokerTests.RunCliAsync("provision", tenantId, "--kv", "CACHE", "--kv", "SESSIONS", "--rabbitmq", broker);
        Assert.True(code == ExitCodes.Success, output);

        (code, output) = await BrokerTests.RunCliAsync("detach", tenantId, "SESSIONS", "--rabbitmq", broker);
        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains("resource kept (detach --delete-resource deletes it):", output, StringComparison.Ordinal);
        Assert.Contains($"wfp-{tenantId}-sessions", output, StringComparison.Ordinal);
        var updates = app.Logs.Events.Where(e => e.MessageTemplate.Text.StartsWith("Unbound", StringComparison.Ordinal)
            || e.MessageTemplate.Text.StartsWith("Bound", StringComparison.Ordinal)).Select(e => e.RenderMessage()).ToList();
        Assert.Contains(updates, line => line.Contains("Unbound \"SESSIONS\"", StringComparison.Ordinal));
        Assert.DoesNotContain(updates, line => line.Contains("null", StringComparison.Ordinal));

        // CACHE disappears behind the worker's back: deprovision finds it gone.
        var cache = (await app.Emulator.GetAccountAsync()).KvNamespaces.Single(k => k.Title == $"wfp-{tenantId}-cache");
        using (var http = new HttpClient { BaseAddress = app.Emulator.ApiBaseAddress })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorDefaults.ApiToken);
            (await http.DeleteAsync($"accounts/{EmulatorDefaults.AccountId}/storage/kv/namespaces/{cache.Id}")).EnsureSuccessStatusCode();
        }

        (code, output) = await BrokerTests.RunCliAsync("deprovision", tenantId, "--rabbitmq", broker);
        Assert.True(code == ExitCodes.Success, output);
        var goneAt = output.IndexOf("already gone:", StringComparison.Ordinal);
        Assert.True(goneAt > 0, output);
        Assert.True(output.IndexOf($"wfp-{tenantId}-cache", StringComparison.Ordinal) > goneAt, output);
        Assert.True(output.IndexOf($"wfp-{tenantId}-sessions", StringComparison.Ordinal) is > 0 and var deleted && deleted < goneAt, output);
    }
}
