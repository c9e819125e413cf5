using Microsoft.Extensions.DependencyInjection;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.Steps;
using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.StateMachines;

/// <summary>
/// Issue 6 §3: an outage or an open circuit breaker is waited out (Cloudflare:OutagePatience) by the step that meets
/// it, so neither a provision nor its compensation fails while Cloudflare is away. The breaker is made touchy and short
/// (2 calls, 1 s break) so the tests meet it within seconds.
/// </summary>
public sealed class When_cloudflare_is_unavailable
{
    static Dictionary<string, string?> TouchyBreaker(string? patience = null) => new()
    {
        ["Cloudflare:CircuitBreaker:FailureRatio"] = "0.1",
        ["Cloudflare:CircuitBreaker:MinimumThroughput"] = "2",
        ["Cloudflare:CircuitBreaker:SamplingDuration"] = "00:00:05",
        ["Cloudflare:CircuitBreaker:BreakDuration"] = "00:00:01",
        ["Cloudflare:OutagePatience"] = patience ?? "00:15:00",
    };

    [Fact]
    public async Task Should_compensate_through_an_open_circuit_when_the_upload_never_recovers()
    {
        // The reproduction: 500s on upload open the breaker; the deletes of the compensation then meet the open circuit.
        await using var world = await TenantSagaHarness.StartAsync(TouchyBreaker(patience: "00:00:03"));
        using var waits = new OutageWaits(world.Services.GetRequiredService<ProvisioningMetrics>());
        var tenant = NewTenantId();
        await world.Emulator.FailAsync("scripts.upload", status: 500, count: null);

        var failed = await world.RunAsync<TenantProvisioningFailed>(Provision(tenant));

        Assert.Equal("UploadScript", failed.FailedStep);
        Assert.False(failed.CompensationFailed, failed.ErrorMessage);
        Assert.Equal(3, failed.Compensated.Count);
        Assert.Contains("circuit-open", waits.Reasons);
        Assert.Equal(nameof(TenantStateMachine.Failed), (await world.TenantAsync(tenant)).CurrentState);
        Assert.Empty(await world.ResourcesAsync(tenant));
        Assert.Null(await world.ScriptAsync(tenant));
    }

    [Fact]
    public async Task Should_provision_once_the_upload_recovers_after_the_circuit_opened()
    {
        await using var world = await TenantSagaHarness.StartAsync(TouchyBreaker());
        using var waits = new OutageWaits(world.Services.GetRequiredService<ProvisioningMetrics>());
        var tenant = NewTenantId();
        await world.Emulator.FailAsync("scripts.upload", status: 500, count: 3);

        await world.RunAsync<TenantProvisioned>(Provision(tenant));

        Assert.Contains("circuit-open", waits.Reasons);
        Assert.Contains("500", waits.Reasons);
        Assert.Equal(nameof(TenantStateMachine.Active), (await world.TenantAsync(tenant)).CurrentState);
        Assert.NotNull(await world.ScriptAsync(tenant));
        Assert.Equal(3, (await world.ResourcesAsync(tenant)).Count);
    }

    [Fact]
    public async Task Should_provision_every_tenant_when_an_outage_hits_the_middle_of_a_batch()
    {
        // 20 provisions take about 20 s on a busy 2-core machine: more than the harness's usual 30 s with the outage.
        await using var world = await TenantSagaHarness.StartAsync(TouchyBreaker(), testTimeout: TimeSpan.FromSeconds(120));
        using var waits = new OutageWaits(world.Services.GetRequiredService<ProvisioningMetrics>());
        var commands = Enumerable.Range(0, 20).Select(_ => Provision(NewTenantId())).ToList();
        var outcomes = commands.Select(world.RunAsync).ToList();
        await world.WaitUntilAsync(async () => await world.Emulator.CountAsync("kv.create") >= 5);

        // Cloudflare away for at least 3 s, until steps have met it: first 503s, then connections dropped before any answer.
        var unavailable = await world.Emulator.OutageAsync();
        await Task.WhenAll(Task.Delay(TimeSpan.FromSeconds(1.5)), world.WaitUntilAsync(async () => await world.Emulator.CountStatusAsync("503") >= 10));
        var dropping = await world.Emulator.OutageAsync(dropConnection: true);
        await world.Emulator.RemoveFaultAsync(unavailable);
        await Task.WhenAll(Task.Delay(TimeSpan.FromSeconds(1.5)), world.WaitUntilAsync(async () => await world.Emulator.CountStatusAsync("0") >= 10));
        await world.Emulator.RemoveFaultAsync(dropping);

        Assert.All(await Task.WhenAll(outcomes), x => Assert.IsType<TenantProvisioned>(x));
        Assert.NotEmpty(waits.Reasons);
        var account = await world.Emulator.AccountAsync();
        Assert.Equal(20, account.KvNamespaces.Count);
        Assert.Equal(20, account.D1Databases.Count);
        Assert.Equal(20, account.R2Buckets.Count);
        foreach (var command in commands)
        {
            Assert.Equal(nameof(TenantStateMachine.Active), (await world.TenantAsync(command.TenantId)).CurrentState);
            Assert.Equal(3, (await world.LedgerAsync(command.TenantId)).Count);
        }
    }

    [Fact]
    public async Task Should_not_wait_for_a_permanent_error()
    {
        await using var world = await TenantSagaHarness.StartAsync(TouchyBreaker());
        using var waits = new OutageWaits(world.Services.GetRequiredService<ProvisioningMetrics>());
        var tenant = NewTenantId();
        await world.Emulator.FailAsync("scripts.upload", status: 400, code: 10021, count: null, message: "bad metadata");

        var failed = await world.RunAsync<TenantProvisioningFailed>(Provision(tenant));

        Assert.Equal(10021, failed.ErrorCode);
        Assert.Equal(1, await world.Emulator.CountAsync("scripts.upload"));
        Assert.Empty(waits.Reasons);
        Assert.Empty(await world.ResourcesAsync(tenant));
    }
}
