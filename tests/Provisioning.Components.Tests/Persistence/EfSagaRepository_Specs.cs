using MassTransit;
using MassTransit.Saga;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.Components.Persistence.SagaRepository;
using Provisioning.Components.Tests.Persistence.Databases;
using Provisioning.Components.Tests.Persistence.Probe;
using Xunit.Abstractions;

namespace Provisioning.Components.Tests.Persistence;

/// <summary>
/// The EF Core saga repository under the MassTransit test harness, on a real database. Each provider runs every
/// spec (see the derived classes at the end of the file).
/// </summary>
public abstract class EfSagaRepository_Specs(TestDatabase database, ITestOutputHelper output) : IAsyncLifetime
{
    ServiceProvider _provider = null!;
    ITestHarness _harness = null!;
    ISagaStateMachineTestHarness<ProbeStateMachine, ProbeState> _saga = null!;
    CountingDbContextFactory _contexts = null!;

    public async Task InitializeAsync()
    {
        _contexts = new CountingDbContextFactory(database.Options<ProbeDbContext>());
        await using (var db = _contexts.CreateDbContext())
        {
            await db.Database.EnsureCreatedAsync();
        }

        _provider = new ServiceCollection()
            .AddSingleton<IDbContextFactory<ProbeDbContext>>(_contexts)
            .AddMassTransitTestHarness(x =>
            {
                x.AddSagaStateMachine<ProbeStateMachine, ProbeState, ProbeStateDefinition>()
                    .EfCoreRepository<ProbeState, ProbeDbContext>();
            })
            .ConfigureTestHarnessTimeouts()
            .BuildServiceProvider(true);

        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
        _saga = _harness.GetSagaStateMachineHarness<ProbeStateMachine, ProbeState>();
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Should_insert_load_update_and_delete_an_instance()
    {
        var id = NewId.NextGuid();

        await _harness.Bus.Publish(new ProbeStarted { CorrelationId = id, Name = $"probe-{id}" });
        Assert.Equal(id, await _saga.Exists(id, m => m.Running));
        var created = await LoadAsync(id);
        Assert.Equal(0, created.Version);
        Assert.Equal($"probe-{id}", created.Name);

        await _harness.Bus.Publish(new ProbeStepDone { CorrelationId = id, Step = 1 });
        Assert.NotEmpty(await _saga.Match(x => x.CorrelationId == id && x.Counter == 1));
        var updated = await LoadAsync(id);
        Assert.Equal(1, updated.Version);
        Assert.Equal("Running", updated.CurrentState);

        await _harness.Bus.Publish(new ProbeFinished { CorrelationId = id });
        Assert.Null(await _saga.NotExists(id));
        await using var db = _contexts.CreateDbContext();
        Assert.False(await db.Set<ProbeState>().AnyAsync(x => x.CorrelationId == id));
    }

    [Fact]
    public async Task Should_commit_rows_added_by_the_machine_with_the_instance()
    {
        var id = NewId.NextGuid();
        var commandId = NewId.NextGuid();
        await _harness.Bus.Publish(new ProbeStarted { CorrelationId = id, Name = $"ledger-{id}" });
        Assert.Equal(id, await _saga.Exists(id, m => m.Running));

        await _harness.Bus.Publish(new ProbeRecorded { CorrelationId = id, CommandId = commandId });

        Assert.NotEmpty(await _saga.Match(x => x.CorrelationId == id && x.Counter == 100));
        await using var db = _contexts.CreateDbContext();
        Assert.True(await db.Commands.AnyAsync(x => x.CommandId == commandId));
    }

    [Fact]
    public async Task Should_report_a_missing_instance_as_not_existing()
    {
        Assert.Null(await _saga.NotExists(NewId.NextGuid(), TimeSpan.FromSeconds(5)));
        Assert.Null(await _provider.GetRequiredService<ILoadSagaRepository<ProbeState>>().Load(NewId.NextGuid()));
    }

    [Fact]
    public async Task Should_correlate_by_query_and_save_the_matched_instance()
    {
        var id = NewId.NextGuid();
        var name = $"named-{id}";
        await _harness.Bus.Publish(new ProbeStarted { CorrelationId = id, Name = name });
        Assert.Equal(id, await _saga.Exists(id, m => m.Running));

        await _harness.Bus.Publish(new ProbeNamed { Name = name });

        Assert.Equal(id, await _saga.Exists(id, m => m.Renamed));
        var found = await _provider.GetRequiredService<IQuerySagaRepository<ProbeState>>().Find(new SagaQuery<ProbeState>(x => x.Name == name));
        Assert.Equal([id], found);
        Assert.Equal(1, (await LoadAsync(id)).Version);
    }

    [Fact]
    public async Task Should_apply_every_one_of_40_concurrent_events_and_publish_each_outcome_once()
    {
        const int events = 40;
        var id = NewId.NextGuid();
        await _harness.Bus.Publish(new ProbeStarted { CorrelationId = id, Name = $"busy-{id}" });
        Assert.Equal(id, await _saga.Exists(id, m => m.Running));
        var contextsBefore = _contexts.Created;

        await Task.WhenAll(Enumerable.Range(1, events).Select(step => _harness.Bus.Publish(new ProbeStepDone { CorrelationId = id, Step = step })));

        Assert.NotEmpty(await _saga.Match(x => x.CorrelationId == id && x.Counter == events));
        var consumed = await AsyncElementListExtensions.Take(_saga.Consumed.SelectAsync<ProbeStepDone>(x => x.Context.Message.CorrelationId == id), events).ToListAsync();
        Assert.All(consumed, x => Assert.Null(x.Exception));
        Assert.False(await _harness.Published.Any<Fault<ProbeStepDone>>(x => x.Context.Message.Message.CorrelationId == id));

        var published = await _harness.Published.SelectAsync<ProbeStepApplied>(x => x.Context.Message.CorrelationId == id).ToListAsync();
        Assert.Equal(events, published.Count);
        Assert.Equal(Enumerable.Range(1, events), published.Select(x => x.Context.Message.Counter).Order());
        Assert.Equal(Enumerable.Range(1, events), published.Select(x => x.Context.Message.Step).Order());

        var state = await LoadAsync(id);
        Assert.Equal(events, state.Counter);
        Assert.Equal(events, state.Version);
        output.WriteLine($"{database.Provider}: {_contexts.Created - contextsBefore} delivery attempts for {events} events");
    }

    [Fact]
    public async Task Should_create_one_instance_from_two_simultaneous_initiating_events()
    {
        var id = NewId.NextGuid();
        var contextsBefore = _contexts.Created;

        // Both deliveries wait for each other after finding no instance, so both insert: one must lose.
        await Task.WhenAll(
            _harness.Bus.Publish(new ProbeStarted { CorrelationId = id, Name = RaceGate.NamePrefix + "first" }),
            _harness.Bus.Publish(new ProbeStarted { CorrelationId = id, Name = RaceGate.NamePrefix + "second" }));

        var consumed = await AsyncElementListExtensions.Take(_saga.Consumed.SelectAsync<ProbeStarted>(x => x.Context.Message.CorrelationId == id), 2).ToListAsync();
        Assert.Equal(2, consumed.Count);
        Assert.All(consumed, x => Assert.Null(x.Exception));
        Assert.False(await _harness.Published.Any<Fault<ProbeStarted>>(x => x.Context.Message.Message.CorrelationId == id));

        await using var db = _contexts.CreateDbContext();
        var instance = Assert.Single(await db.Set<ProbeState>().Where(x => x.CorrelationId == id).ToListAsync());
        Assert.Equal("Running", instance.CurrentState);
        Assert.Contains(instance.Name, new[] { RaceGate.NamePrefix + "first", RaceGate.NamePrefix + "second" });
        Assert.True(_contexts.Created - contextsBefore >= 3, "the losing insert should have been retried with a new DbContext");
    }

    async Task<ProbeState> LoadAsync(Guid id)
    {
        var instance = await _provider.GetRequiredService<ILoadSagaRepository<ProbeState>>().Load(id);
        Assert.NotNull(instance);
        return instance;
    }
}

public sealed class EfSagaRepository_on_SQLite(SqliteTestDatabase database, ITestOutputHelper output)
    : EfSagaRepository_Specs(database, output), IClassFixture<SqliteTestDatabase>;

public sealed class EfSagaRepository_on_PostgreSQL(PostgresTestDatabase database, ITestOutputHelper output)
    : EfSagaRepository_Specs(database, output), IClassFixture<PostgresTestDatabase>;
