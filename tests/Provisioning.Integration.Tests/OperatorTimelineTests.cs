using System.Net;
using System.Text.Json;
using MassTransit;
using Provisioning.Cli;
using Provisioning.Components.Timeline;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>A tenant's timeline from the database: the GetTenantTimeline query through the front door and `wfp timeline`.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class OperatorTimelineTests : IAsyncLifetime
{
    OperatorWorker _operator = null!;

    public async Task InitializeAsync() => _operator = await OperatorWorker.StartAsync();

    public async Task DisposeAsync() => await _operator.DisposeAsync();

    [Fact]
    public async Task A_failed_provision_shows_the_cloudflare_error_codes_the_compensation_and_its_retry()
    {
        var tenantId = await _operator.ProvisionAsync("timeline", failingCompensation: true);

        var timeline = await _operator.GetTimelineAsync(tenantId);

        Assert.Equal("CompensationFailed", timeline.State);
        var entries = timeline.Entries;
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.Id > p.Second.Id), "newest first");
        Assert.Equal(TenantEventKinds.CommandQueued, entries[^1].Kind);
        Assert.Contains(entries, e => e.Kind == TenantEventKinds.StepCompleted && e.Step == "CreateResources"
            && e.Resource!.StartsWith("dispatch namespace ", StringComparison.Ordinal) && e.Resource.Contains("kv_namespace wfp-", StringComparison.Ordinal)
            && e.Resource.Contains("(id ", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Kind == TenantEventKinds.StepFailed && e is { Step: "UploadScript", Undo: false, ErrorCode: 10021 }
            && e.Message!.Contains("injected by the test", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Kind == TenantEventKinds.CompensationBegan && e.Message == "DeleteScript -> DeleteResource");
        Assert.Contains(entries, e => e.Kind == TenantEventKinds.StepFailed && e is { Step: "DeleteResource", Undo: true, ErrorCode: 10000 }
            && e.Resource!.StartsWith("kv_namespace wfp-", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Kind == TenantEventKinds.CompensationFailed && e.ErrorCode == 10000);
        Assert.Contains(entries, e => e.Kind == TenantEventKinds.CommandEnded
            && e is { Status: "Failed", OutcomeType: nameof(TenantProvisioningFailed), CommandType: nameof(ProvisionTenant), ErrorCode: 10021 });

        await _operator.Emulator.ClearFaultsAsync();
        var worker = _operator.Worker.Address.ToString();
        var (code, output) = await BrokerTests.RunCliAsync("retry-compensation", tenantId, "--worker", worker, "--token", OperatorWorker.Token);
        Assert.True(code == ExitCodes.Success, output);

        (code, output) = await BrokerTests.RunCliAsync("timeline", tenantId, "--worker", worker, "--token", OperatorWorker.Token);
        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains($"Tenant {tenantId}: Failed", output, StringComparison.Ordinal);
        Assert.Contains("CompensationRetried", output, StringComparison.Ordinal);
        Assert.Contains("CompensationEnded", output, StringComparison.Ordinal);
        Assert.Contains("UploadScript #", output, StringComparison.Ordinal);
        Assert.Contains("[Cloudflare 10021]", output, StringComparison.Ordinal);

        (code, output) = await BrokerTests.RunCliAsync("timeline", tenantId, "--json", "--limit", "2", "--worker", worker, "--token", OperatorWorker.Token);
        Assert.True(code == ExitCodes.Success, output);
        var json = JsonSerializer.Deserialize<TenantTimeline>(output, JsonSerializerOptions.Web)!;
        Assert.Equal(2, json.Entries.Count);
        Assert.Equal(TenantEventKinds.CommandEnded, json.Entries[0].Kind);
        Assert.NotNull(json.NextBefore);
    }

    [Fact]
    public async Task The_timeline_pages_newest_first_keeps_no_secret_value_and_refuses_bad_input()
    {
        var tenantId = await _operator.ProvisionAsync("pages", bindings: [new BindingSpec { Name = "API_KEY", Type = BindingTypes.SecretText, Text = "s3cr3t-value" }]);

        var first = await _operator.GetTimelineAsync(tenantId, "?limit=3");
        var second = await _operator.GetTimelineAsync(tenantId, $"?limit=3&before={first.NextBefore}");
        var all = await _operator.GetTimelineAsync(tenantId);

        Assert.Equal(3, first.Entries.Count);
        Assert.Equal(all.Entries.Skip(3).Take(3).Select(e => e.Id), second.Entries.Select(e => e.Id));
        Assert.Null(all.NextBefore);
        Assert.Equal(TenantEventKinds.CommandEnded, all.Entries[0].Kind);
        using (var raw = await _operator.Http.GetAsync(new Uri($"tenants/{tenantId}/timeline", UriKind.Relative)))
        {
            Assert.DoesNotContain("s3cr3t-value", await raw.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var outOfRange = await _operator.Http.GetAsync(new Uri($"tenants/{tenantId}/timeline?limit=0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Contains("limit must be between 1 and 500", await outOfRange.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await _operator.Http.GetAsync(new Uri("tenants/nobody-here/timeline", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var (code, output) = await BrokerTests.RunCliAsync("timeline", tenantId, "--limit", "0", "--worker", _operator.Worker.Address.ToString(), "--token", OperatorWorker.Token);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--limit must be between 1 and 500", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_keeps_only_its_newest_timeline_entries_once_its_next_command_starts()
    {
        await using var small = await OperatorWorker.StartAsync(new Dictionary<string, string?> { ["Provisioning:TimelineEventsPerTenant"] = "10" });
        var tenantId = await small.ProvisionAsync("prune");
        await AttachAsync("FIRST");
        var before = await small.GetTimelineAsync(tenantId);
        Assert.True(before.Entries.Count > 10, $"{before.Entries.Count} entries");

        // The prune counts what is committed when a command starts. An attach that arrived while the command before it
        // was still running starts in that command's last transition, whose own entries are not saved yet; the next
        // attach starts after everything before it is committed, so by then the provision's first entries are over the limit.
        await AttachAsync("GREETING");
        await AttachAsync("MOTTO");

        var after = await small.GetTimelineAsync(tenantId);
        Assert.DoesNotContain(after.Entries, e => e.Kind == TenantEventKinds.CommandQueued && e.CommandType == nameof(ProvisionTenant));
        Assert.True(after.Entries.Min(e => e.Id) > before.Entries.Min(e => e.Id));

        async Task AttachAsync(string name)
        {
            var commandId = NewId.NextGuid();
            await small.Worker.Bus.Publish(new AttachBinding
            {
                CommandId = commandId, TenantId = tenantId, Binding = new BindingSpec { Name = name, Type = BindingTypes.PlainText, Text = "hi" },
            });
            await ProvisioningApp.WaitUntilAsync(async () => (await small.GetTimelineAsync(tenantId)).Entries[0] is { Kind: TenantEventKinds.CommandEnded } e
                && e.CommandId == commandId);
        }
    }
}
