using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioning.Cloudflare;
using Provisioning.Cloudflare.Budget;
using Provisioning.CloudflareEmulator;
using Provisioning.Components.Persistence;
using Provisioning.Components.Persistence.Budget;
using Provisioning.Components.Queries;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.StateMachines;
using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.Queries;

/// <summary>
/// The tenant list carries the fleet's Cloudflare API budget: the configured budget, the tokens left (the shared row on
/// PostgreSQL, the in-process bucket on SQLite), a pause after a 429, and the tenants waiting for the budget now.
/// 100 requests per 5 min with a burst of 10: the bucket refills 0.3 tokens a second.
/// </summary>
public sealed class When_the_tenant_list_shows_the_fleet_Budget
{
    static readonly Dictionary<string, string?> Budget = new()
    {
        ["Cloudflare:RequestBudget"] = "100",
        ["Cloudflare:RequestBudgetWindow"] = "00:05:00",
        ["Cloudflare:RequestBudgetWindowPadding"] = "00:00:00",
        ["Cloudflare:RequestBudgetBurst"] = "10",
    };

    static readonly RequestBudgetLimits Limits = RequestBudgetLimits.For(100, TimeSpan.FromMinutes(5), 10);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Should_read_the_bucket_the_pause_and_the_waiting_tenants(DatabaseProvider provider)
    {
        await using var world = await TenantSagaHarness.StartAsync(Budget, provider);
        await using var db = await world.Contexts.CreateDbContextAsync();
        await using var shared = provider == DatabaseProvider.Postgres ? new PostgresRequestBudgetStore(db.Database.GetConnectionString()!) : null;
        IRequestBudgetStore store = shared ?? world.Services.GetRequiredService<IRequestBudgetStore>();
        var budgets = new FleetBudgets(new RequestBudgetReader(world.Services.GetRequiredService<IOptionsMonitor<CloudflareOptions>>(), store), store);
        await AddRunningTenantAsync(world, waiting: true);
        await AddRunningTenantAsync(world, waiting: false);
        await AddRunningTenantAsync(world, waiting: true, idle: true);   // left behind by a replica that died waiting: not counted

        var untouched = await budgets.ReadAsync(db, CancellationToken.None);
        await store.TakeAsync(new RequestBudgetTake(EmulatorDefaults.AccountId, Limits, 3, RequestPriority.Foreground, 0), CancellationToken.None);
        var spent = await budgets.ReadAsync(db, CancellationToken.None);
        await store.PauseAsync(EmulatorDefaults.AccountId, Limits, TimeSpan.FromSeconds(30), CancellationToken.None);
        var paused = await budgets.ReadAsync(db, CancellationToken.None);

        Assert.Equal((100, TimeSpan.FromMinutes(5), 10, provider == DatabaseProvider.Postgres), (untouched.RequestBudget, untouched.RequestBudgetWindow, untouched.Burst, untouched.Shared));
        Assert.Equal((10d, null, 1), (untouched.TokensLeft, untouched.PausedUntil, untouched.TenantsWaiting));
        Assert.InRange(spent.TokensLeft, 7, 8);
        Assert.Null(spent.PausedUntil);
        Assert.Equal(1, paused.TokensLeft);
        Assert.InRange(paused.PausedUntil!.Value, DateTime.UtcNow.AddSeconds(20), DateTime.UtcNow.AddSeconds(40));
    }

    [Fact]
    public async Task Should_answer_it_with_the_tenant_list()
    {
        await using var world = await TenantSagaHarness.StartAsync(Budget);
        await AddRunningTenantAsync(world, waiting: true);
        await AddRunningTenantAsync(world, waiting: true);

        var list = await world.Harness.GetRequestClient<ListTenants>().GetResponse<TenantList>(new ListTenants { State = "Active" });

        Assert.Empty(list.Message.Tenants);
        Assert.Equal((100, 10d, false, 2), (list.Message.Budget!.RequestBudget, list.Message.Budget.TokensLeft, list.Message.Budget.Shared, list.Message.Budget.TenantsWaiting));
    }

    static async Task AddRunningTenantAsync(TenantSagaHarness world, bool waiting, bool idle = false)
    {
        var tenant = NewTenantId();
        await using var db = await world.Contexts.CreateDbContextAsync();
        db.Tenants.Add(new TenantState
        {
            CorrelationId = TenantIds.ToCorrelationId(tenant), TenantId = tenant, CurrentState = nameof(TenantStateMachine.Provisioning),
            CurrentCommandId = idle ? null : Guid.NewGuid(), CurrentOperation = idle ? null : nameof(ProvisionTenant),
            BudgetWaitSince = waiting ? DateTime.UtcNow.AddSeconds(-5) : null, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}
