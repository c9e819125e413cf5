using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.Components.Persistence;

namespace Provisioning.Components.Tests.Persistence;

/// <summary>
/// Why it matters: a command's intake that waits for the write lock while a tenant's operation keeps writing must not
/// lag behind by Microsoft.Data.Sqlite's 150 ms retry sleeps, or the saga picks the tenant's next command before an
/// earlier-sent one is stored (<see cref="SqliteConnectionPragmas"/>).
/// </summary>
public sealed class When_a_command_meets_another_write : IAsyncDisposable
{
    readonly string _path = Path.Combine(Path.GetTempPath(), $"wfp-contention-{Guid.NewGuid():N}.db");
    readonly ServiceProvider _provider;

    public When_a_command_meets_another_write() =>
        _provider = new ServiceCollection()
            .AddProvisioningPersistence(new DatabaseOptions { ConnectionString = $"Data Source={_path}", MigrateOnStart = false })
            .BuildServiceProvider();

    [Fact]
    public async Task Should_commit_right_after_the_other_write_ends()
    {
        await using var other = new SqliteConnection($"Data Source={_path}");
        await other.OpenAsync();
        await Execute(other, "PRAGMA journal_mode=WAL; CREATE TABLE Probe (X INTEGER);");
        await Execute(other, "BEGIN IMMEDIATE; INSERT INTO Probe VALUES (1);");

        await using var db = await _provider.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var trying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var write = Task.Run(async () =>
        {
            trying.SetResult();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Probe VALUES (2);");
            return Stopwatch.GetTimestamp();
        });
        await trying.Task;
        await Task.Delay(30);

        await Execute(other, "COMMIT;");
        var released = Stopwatch.GetTimestamp();

        // Without SQLite's busy_timeout the blocked write sleeps 150 ms after its first try, so it ends 120 ms or more
        // after the release; SQLite's own handler re-tries a few milliseconds apart.
        var lag = Stopwatch.GetElapsedTime(released, await write);
        Assert.True(lag < TimeSpan.FromMilliseconds(100), $"the write went through {lag.TotalMilliseconds:F0} ms after the other one ended");
    }

    static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
