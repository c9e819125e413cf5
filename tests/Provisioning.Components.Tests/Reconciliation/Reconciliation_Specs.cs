using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.Cloudflare;
using Provisioning.Components.Persistence;
using Provisioning.Components.Reconciliation;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.StateMachines;
using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.Reconciliation;

/// <summary>
/// The reconciler against the emulator: one live tenant with drift and a missing database, a deprovisioned tenant with a
/// leftover named like ours, a tenant whose ledger still lists resources after it failed, and resources that are not ours.
/// </summary>
public sealed class When_the_account_is_reconciled
{
    sealed record Scene(string Live, string Gone, string Broken, string Foreign, string LiveLookalike);

    static async Task<Scene> SetUpAsync(TenantSagaHarness world, bool deleteDatabase)
    {
        var (live, gone, broken) = (NewTenantId(), NewTenantId(), NewTenantId());
        await world.RunAsync<TenantProvisioned>(Provision(live));
        await world.RunAsync<TenantProvisioned>(Provision(gone, Kv("CACHE")));
        await world.RunAsync<TenantDeprovisioned>(Deprovision(gone));
        await world.RunAsync<TenantProvisioned>(WithoutSecrets(Provision(broken, Kv("CACHE"))));

        var cloudflare = world.Cloudflare;
        await cloudflare.KvNamespaces.CreateAsync($"wfp-{gone}-leftover", CancellationToken.None);
        var foreign = $"someone-else-{gone}";
        await cloudflare.KvNamespaces.CreateAsync(foreign, CancellationToken.None);
        var lookalike = $"wfp-{live}-made-by-hand";
        await cloudflare.KvNamespaces.CreateAsync(lookalike, CancellationToken.None);

        // Drift: a variable removed by hand. Missing (when asked): the live tenant's D1 database deleted by hand.
        var bindings = await cloudflare.Scripts.GetBindingsAsync("wfp-tenants", live, CancellationToken.None);
        await cloudflare.Scripts.UpdateSettingsAsync("wfp-tenants", live,
            new WorkerScriptSettings { Bindings = bindings.Where(x => x.Name != "GREETING").ToList() }, CancellationToken.None);
        if (deleteDatabase)
        {
            var db = (await world.LedgerAsync(live)).Single(x => x.BindingName == "DB");
            await cloudflare.D1Databases.DeleteAsync(db.CloudflareId!, CancellationToken.None);
        }

        // A tenant the saga gave up on while its ledger still lists a created KV namespace and its script.
        await using (var context = await world.Contexts.CreateDbContextAsync())
        {
            await context.Tenants.Where(x => x.TenantId == broken)
                .ExecuteUpdateAsync(x => x.SetProperty(t => t.CurrentState, nameof(TenantStateMachine.Failed)));
        }

        return new Scene(live, gone, broken, foreign, lookalike);
    }

    static Task<ReconciliationReport> RunAsync(TenantSagaHarness world, bool fix) =>
        world.Services.GetRequiredService<Reconciler>().RunAsync(fix, world.Harness.Bus, CancellationToken.None);

    [Fact]
    public async Task Should_report_orphans_missing_resources_and_drift_and_change_nothing()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var scene = await SetUpAsync(world, deleteDatabase: true);
        var deletesBefore = await world.Emulator.CountAsync("kv.delete");

        var report = await RunAsync(world, fix: false);

        Assert.False(report.Fix);
        var found = report.Findings.Select(x => $"{x.Kind} {x.ResourceType} {x.Name} {x.TenantId}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[]
            {
                $"drift script {scene.Live} {scene.Live}",
                $"missing d1 wfp-{scene.Live}-db {scene.Live}",
                $"orphan kv_namespace wfp-{scene.Broken}-cache {scene.Broken}",
                $"orphan kv_namespace wfp-{scene.Gone}-leftover ",
                $"orphan script {scene.Broken} {scene.Broken}",
            }.Order(StringComparer.Ordinal),
            found);
        Assert.Contains("'GREETING' (plain_text) is missing", report.Findings.Single(x => x.Kind == ReconciliationKinds.Drift).Detail, StringComparison.Ordinal);
        Assert.All(report.Findings, x => Assert.Equal("none", x.Action));
        Assert.Equal(deletesBefore, await world.Emulator.CountAsync("kv.delete"));
        Assert.False(await world.Harness.Published.Any<RestoreBindings>());
    }

    [Fact]
    public async Task Should_delete_only_what_is_ours_and_unused_and_restore_drifted_bindings_through_the_saga()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var scene = await SetUpAsync(world, deleteDatabase: false);

        var report = await RunAsync(world, fix: true);

        Assert.All(report.Findings.Where(x => x.Kind == ReconciliationKinds.Orphan), x => Assert.Equal("deleted", x.Action));
        var drift = report.Findings.Single(x => x.Kind == ReconciliationKinds.Drift);
        Assert.StartsWith("restore-sent (RestoreBindings ", drift.Action, StringComparison.Ordinal);
        var restore = (await world.Harness.Published.SelectAsync<RestoreBindings>(_ => true).FirstOrDefault())!.Context.Message;
        var restored = Assert.IsType<BindingsRestored>(await world.OutcomeAsync(restore.CommandId));
        Assert.Contains("GREETING", restored.Bindings);
        Assert.Contains((await world.ScriptAsync(scene.Live))!.Bindings, x => (string)x["name"]! == "GREETING");

        var account = await world.Emulator.AccountAsync();
        var titles = account.KvNamespaces.Select(x => x.Title).ToList();
        Assert.DoesNotContain($"wfp-{scene.Gone}-leftover", titles);
        Assert.DoesNotContain($"wfp-{scene.Broken}-cache", titles);
        Assert.Contains(scene.Foreign, titles);
        Assert.Contains(scene.LiveLookalike, titles);
        Assert.Contains($"wfp-{scene.Live}-cache", titles);
        Assert.DoesNotContain(account.Scripts, x => x.Name == scene.Broken);
        Assert.Equal(OwnedResourceState.Deleted, (await world.LedgerAsync(scene.Broken)).Single().State);

        var again = await RunAsync(world, fix: false);
        Assert.Empty(again.Findings);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Should_run_on_its_schedule_and_fix_when_configured_to(DatabaseProvider provider)
    {
        await using var world = await TenantSagaHarness.StartAsync(
            new Dictionary<string, string?> { ["Reconciliation:Interval"] = "00:00:00.300", ["Reconciliation:Fix"] = "true" }, provider);
        var gone = NewTenantId();
        await world.RunAsync<TenantProvisioned>(WithoutSecrets(Provision(gone, Kv("CACHE"))));
        await world.RunAsync<TenantDeprovisioned>(Deprovision(gone));
        await world.Cloudflare.KvNamespaces.CreateAsync($"wfp-{gone}-leftover", CancellationToken.None);

        await world.StartHostedServiceAsync<ReconciliationJob>();

        await world.WaitUntilAsync(async () => (await world.Emulator.AccountAsync()).KvNamespaces.All(x => x.Title != $"wfp-{gone}-leftover"));
    }

    [Theory]
    [InlineData("wfp-acme-cache", new[] { "acme" })]
    [InlineData("wfp-acme-eu-cache", new[] { "acme", "acme-eu" })]
    [InlineData("someone-else", new string[0])]
    [InlineData("wfp-", new string[0])]
    public void Should_read_every_tenant_a_worker_name_could_stand_for(string name, string[] tenants) =>
        Assert.Equal(tenants, Reconciler.NamedTenants(name));
}
