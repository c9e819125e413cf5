using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provisioning.Components.Maintenance;
using Provisioning.Components.Persistence;
using Provisioning.Components.Secrets;
using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.StateMachines;

/// <summary>
/// A secret value reaches Cloudflare and nothing else: not the SQLite files (WAL included) while the command runs or
/// after, not a row of PostgreSQL. A plain var of the same command is the control that the search does find stored text.
/// </summary>
public sealed class When_a_tenant_is_provisioned_with_a_secret
{
    [Fact]
    public async Task Should_keep_the_value_out_of_every_sqlite_file_while_in_flight_and_after()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var (command, secret, plain) = WithUniqueValues(Provision(NewTenantId(), Kv("CACHE")));
        await world.Emulator.DelayAsync("scripts.upload", 2000);

        await world.Harness.Bus.Publish(command);
        await UntilAsync(() => UploadStartedAsync(world, command));

        Assert.True(File.Exists(world.DatabasePath + "-wal"), "the database is not in WAL mode: the search would miss the log");
        AssertNotInFiles(world.DatabasePath, secret);
        Assert.IsType<TenantProvisioned>(await world.OutcomeAsync(command.CommandId));
        AssertNotInFiles(world.DatabasePath, secret);
        Assert.True(Contains(SqliteFiles(world.DatabasePath), Encoding.UTF8.GetBytes(plain)), "the control value is in no file: the search is blind");
        Assert.Equal(secret, await world.Emulator.SecretAsync(command.TenantId, "API_KEY"));
    }

    [Fact]
    public async Task Should_keep_the_value_out_of_every_postgres_row_and_share_the_key_ring_there()
    {
        await using var world = await TenantSagaHarness.StartAsync(provider: DatabaseProvider.Postgres);
        var (command, secret, plain) = WithUniqueValues(Provision(NewTenantId(), Kv("CACHE")));
        await world.Emulator.DelayAsync("scripts.upload", 2000);

        await world.Harness.Bus.Publish(command);
        await UntilAsync(() => UploadStartedAsync(world, command));

        Assert.Empty(await ColumnsHoldingAsync(world, secret));
        Assert.IsType<TenantProvisioned>(await world.OutcomeAsync(command.CommandId));
        Assert.Empty(await ColumnsHoldingAsync(world, secret));
        Assert.Contains("TenantBindings.DefinitionJson", await ColumnsHoldingAsync(world, plain));
        Assert.Equal(secret, await world.Emulator.SecretAsync(command.TenantId, "API_KEY"));
        await using var db = await world.Contexts.CreateDbContextAsync();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }

    [Fact]
    public async Task Should_upload_a_pending_secret_after_a_restart_with_the_same_key_ring()
    {
        var keys = Path.Combine(Path.GetTempPath(), $"wfp-keys-{Guid.NewGuid():N}");
        await using var world = await TenantSagaHarness.StartAsync(Restarted(keys));
        var (command, secret, _) = WithUniqueValues(Provision(NewTenantId(), Kv("CACHE")));
        await StorePendingAsync(world, command, keys);

        await world.StartHostedServiceAsync<StalledWorkSweeper>();

        Assert.IsType<TenantProvisioned>(await world.OutcomeAsync(command.CommandId));
        Assert.Equal(secret, await world.Emulator.SecretAsync(command.TenantId, "API_KEY"));
        Directory.Delete(keys, recursive: true);
    }

    [Fact]
    public async Task Should_fail_the_command_clearly_after_a_restart_with_another_key_ring()
    {
        var (keys, otherKeys) = (Path.Combine(Path.GetTempPath(), $"wfp-keys-{Guid.NewGuid():N}"), Path.Combine(Path.GetTempPath(), $"wfp-keys-{Guid.NewGuid():N}"));
        await using var world = await TenantSagaHarness.StartAsync(Restarted(otherKeys));
        var (command, _, _) = WithUniqueValues(Provision(NewTenantId(), Kv("CACHE")));
        await StorePendingAsync(world, command, keys);

        await world.StartHostedServiceAsync<StalledWorkSweeper>();

        var failed = Assert.IsType<TenantProvisioningFailed>(await world.OutcomeAsync(command.CommandId));
        Assert.Contains("Secret 'API_KEY' cannot be decrypted", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(failed.Compensated, r => r.BindingName == "CACHE");
        Assert.Equal(0, await world.Emulator.CountAsync("scripts.upload"));
        Directory.Delete(keys, recursive: true);
        Directory.Delete(otherKeys, recursive: true);
    }

    static Dictionary<string, string?> Restarted(string keys) => new()
    {
        ["Provisioning:StalledOperationTimeout"] = "00:00:01",
        ["DataProtection:KeysPath"] = keys,
    };

    /// <summary>A queued command as an earlier worker, with the key ring at <paramref name="keys"/>, stored it before it stopped.</summary>
    static async Task StorePendingAsync(TenantSagaHarness world, ProvisionTenant command, string keys)
    {
        await using var before = new ServiceCollection().AddProvisioningSecrets(new KeyRingLocation(keys, InDatabase: false)).BuildServiceProvider();
        await using var db = await world.Contexts.CreateDbContextAsync();
        db.Commands.Add(StoredCommands.Row(StoredCommands.Protected(before, command), TenantCommandStatus.Queued, DateTime.UtcNow.AddMinutes(-10)));
        await db.SaveChangesAsync();
    }

    static (ProvisionTenant Command, string Secret, string Plain) WithUniqueValues(ProvisionTenant command)
    {
        var (secret, plain) = ($"secret-{Guid.NewGuid():N}", $"plain-{Guid.NewGuid():N}");
        return (command with
        {
            Bindings =
            [
                new BindingSpec { Name = "API_KEY", Type = BindingTypes.SecretText, Text = secret },
                new BindingSpec { Name = "MODE", Type = BindingTypes.PlainText, Text = plain },
            ],
        }, secret, plain);
    }

    /// <summary>The KV namespace is created, so the (delayed) upload is what the command waits for.</summary>
    static async Task<bool> UploadStartedAsync(TenantSagaHarness world, ProvisionTenant command)
    {
        await using var db = await world.Contexts.CreateDbContextAsync();
        return await db.OwnedResources.AnyAsync(x => x.TenantId == command.TenantId && x.State == OwnedResourceState.Created);
    }

    static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the upload to start");
            await Task.Delay(50);
        }
    }

    static void AssertNotInFiles(string databasePath, string value)
    {
        var files = SqliteFiles(databasePath);
        Assert.False(Contains(files, Encoding.UTF8.GetBytes(value)), $"the secret is in one of {string.Join(", ", files)} (UTF-8)");
        Assert.False(Contains(files, Encoding.Unicode.GetBytes(value)), "the secret is in a database file (UTF-16)");
    }

    /// <summary>The database, its -wal and -shm, and its key ring directory.</summary>
    static List<string> SqliteFiles(string databasePath)
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(databasePath)!, Path.GetFileName(databasePath) + "*").ToList();
        var keys = Path.ChangeExtension(databasePath, ".keys");
        files.AddRange(Directory.Exists(keys) ? Directory.GetFiles(keys, "*", SearchOption.AllDirectories) : []);
        return files;
    }

    static bool Contains(IEnumerable<string> files, byte[] value) =>
        files.Any(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.GetBuffer().AsSpan(0, (int)memory.Length).IndexOf(value) >= 0;
        });

    /// <summary>Every text column of every table (as "Table.Column") with a row whose value contains <paramref name="value"/>.</summary>
    static async Task<List<string>> ColumnsHoldingAsync(TenantSagaHarness world, string value)
    {
        await using var db = await world.Contexts.CreateDbContextAsync();
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb')",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Contains(columns, c => c is ("TenantStates", "StepPlanJson"));
        Assert.Contains(columns, c => c is ("TenantCommands", "PayloadJson"));
        var holding = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var probe = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE position(@value in \"{column}\"::text) > 0", connection);
            probe.Parameters.AddWithValue("value", value);
            if ((long)(await probe.ExecuteScalarAsync())! > 0)
            {
                holding.Add($"{table}.{column}");
            }
        }

        return holding;
    }
}
