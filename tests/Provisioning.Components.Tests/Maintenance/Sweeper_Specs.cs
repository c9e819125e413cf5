using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.Components.Maintenance;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.StateMachines;
using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.Maintenance;

/// <summary>More rows wait than one sweep batch holds: every row is handled, and no query reads a table without a LIMIT.</summary>
public sealed class When_more_rows_wait_than_one_sweep_batch : IAsyncLifetime
{
    const int BatchSize = 10;
    const int Rows = 25;
    readonly string _path = Path.Combine(Path.GetTempPath(), $"wfp-sweep-{Guid.NewGuid():N}.db");
    // Listening before the world starts: pooled contexts keep the logging choices of their first lease, so a listener
    // added later would miss the SQL of contexts the pool already holds. Each test clears what start-up recorded.
    readonly SqlRecorder _sql;
    TenantSagaHarness _world = null!;

    public When_more_rows_wait_than_one_sweep_batch() => _sql = new SqlRecorder(_path);

    public async Task InitializeAsync() =>
        _world = await TenantSagaHarness.StartOnAsync(_path, startRelay: true, new()
        {
            ["Provisioning:SweepBatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Provisioning:StalledOperationTimeout"] = "00:01:00",
            ["Provisioning:ParkedCommandSweepInterval"] = "01:00:00",   // the test runs the sweeps, not the timer
        });

    [Fact]
    public async Task Should_reject_every_expired_parked_command_in_bounded_batches()
    {
        var longAgo = DateTime.UtcNow.AddHours(-1);
        var tenant = NewTenantId();
        await using (var db = await _world.Contexts.CreateDbContextAsync())
        {
            for (var i = 0; i < Rows; i++)
            {
                db.Commands.Add(new TenantCommand
                {
                    CommandId = Guid.NewGuid(), TenantId = tenant, CommandType = nameof(AttachBinding), PayloadJson = "{}",
                    SentTime = longAgo, ReceivedAt = longAgo.AddSeconds(i), Sequence = i, Status = TenantCommandStatus.Parked,
                });
            }

            await db.SaveChangesAsync();
        }

        var sql = _sql;
        sql.Commands.Clear();
        var rejected = await Sweeper<ParkedCommandSweeper>().SweepAsync(CancellationToken.None);

        Assert.Equal(Rows, rejected);
        AssertBounded(sql, "TenantCommands", minReads: Rows / BatchSize + 1);
        await _world.WaitUntilAsync(async () =>
        {
            await using var db = await _world.Contexts.CreateDbContextAsync();
            return await db.OutboxMessages.CountAsync(x => x.TenantId == tenant && x.DispatchedAt != null) == Rows;
        });
        Assert.Equal(Rows, _world.Harness.Published.Select<CommandRejected>(x => x.Context.Message.TenantId == tenant).Count());
    }

    [Fact]
    public async Task Should_resume_every_stalled_operation_in_bounded_batches()
    {
        var longAgo = DateTime.UtcNow.AddHours(-1);
        var ids = new HashSet<Guid>();
        await using (var db = await _world.Contexts.CreateDbContextAsync())
        {
            for (var i = 0; i < Rows; i++)
            {
                var tenant = NewTenantId();
                ids.Add(TenantIds.ToCorrelationId(tenant));
                db.Tenants.Add(new TenantState
                {
                    CorrelationId = TenantIds.ToCorrelationId(tenant), TenantId = tenant, CurrentState = nameof(TenantStateMachine.Provisioning),
                    CreatedAt = longAgo, UpdatedAt = longAgo.AddSeconds(i),
                });
            }

            await db.SaveChangesAsync();
        }

        var sql = _sql;
        sql.Commands.Clear();
        await Sweeper<StalledWorkSweeper>().SweepAsync(CancellationToken.None);

        AssertBounded(sql, "TenantStates", minReads: Rows / BatchSize + 1);
        AssertBounded(sql, "TenantCommands", minReads: 1);
        Assert.Equal(Rows, _world.Harness.Published.Select<ResumeTenantOperation>(x => ids.Contains(x.Context.Message.CorrelationId)).Count());
    }

    /// <summary>
    /// Every read of <paramref name="table"/> carried a LIMIT (or was an EXISTS, which stops at its first row), and the
    /// rows took at least <paramref name="minReads"/> reads.
    /// </summary>
    static void AssertBounded(SqlRecorder sql, string table, int minReads)
    {
        var reads = sql.Commands.Where(x => x.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && x.Contains($"\"{table}\"", StringComparison.Ordinal)).ToList();
        Assert.True(reads.Count >= minReads, $"{reads.Count} reads of {table}");
        Assert.All(reads, x => Assert.True(x.Contains("LIMIT", StringComparison.Ordinal) || x.TrimStart().StartsWith("SELECT EXISTS", StringComparison.Ordinal), x));
    }

    T Sweeper<T>()
        where T : IHostedService =>
        _world.Services.GetServices<IHostedService>().OfType<T>().Single();

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        _sql.Dispose();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
