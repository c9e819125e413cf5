using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.Cli;
using Provisioning.CloudflareEmulator.Inspection;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>
/// The embedded worker on its SQLite default: a secret sent with <c>wfp provision --secret</c> is in no file of the
/// database directory (database, -wal, -shm, key ring) while the command runs or after. The emulator's state file is
/// left out on purpose: it is Cloudflare's side, which must hold the value, and the test checks that it does.
/// </summary>
public sealed class SecretsAtRestTests : IDisposable
{
    const string EmulatorStateFile = "wfp-provisioner.emulator.db";

    readonly string _directory = Path.Combine(Path.GetTempPath(), $"wfp-secrets-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_secret_is_in_no_database_file_while_in_flight_or_after_and_reaches_the_emulator()
    {
        Directory.CreateDirectory(_directory);
        var secret = $"secret-{Guid.NewGuid():N}";
        var plain = $"plain-{Guid.NewGuid():N}";
        await using var worker = await WorkerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_directory, "wfp-provisioner.db")}",
            ["Cloudflare:Mode"] = "Emulator",
            ["Emulator:Port"] = "0",
        });
        using var admin = EmulatorAdmin(worker);
        (await admin.PostAsJsonAsync("faults", new FaultRequest { Operation = "scripts.upload", LatencyMs = 3000, Count = 1 })).EnsureSuccessStatusCode();

        using var output = new StringWriter();
        var provision = WfpCli.RunAsync(
            ["provision", "acme", "--kv", "CACHE", "--secret", $"API_KEY={secret}", "--var", $"MODE={plain}", "--worker", worker.Address.ToString()],
            output, output, CancellationToken.None);
        await UntilAsync(async () => (await AccountAsync(admin)).KvNamespaces.Any(k => k.Title == "wfp-acme-cache"));

        Assert.True(File.Exists(Path.Combine(_directory, "wfp-provisioner.db-wal")), "no write-ahead log to search");
        AssertNotInDatabaseFiles(secret);
        Assert.False(provision.IsCompleted, "the command ended before the files were searched in flight");
        Assert.True(await provision == ExitCodes.Success, output.ToString());
        AssertNotInDatabaseFiles(secret);
        Assert.True(InDatabaseFiles(Encoding.UTF8.GetBytes(plain)), "the plain var is in no file either: the search is blind");
        var script = (await AccountAsync(admin)).Scripts.Single(s => s.Name == "acme");
        Assert.Contains(script.Bindings, b => (string?)b["name"] == "API_KEY" && (string?)b["type"] == "secret_text" && (string?)b["text"] == secret);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    void AssertNotInDatabaseFiles(string value)
    {
        Assert.False(InDatabaseFiles(Encoding.UTF8.GetBytes(value)), "the secret is in a database file (UTF-8)");
        Assert.False(InDatabaseFiles(Encoding.Unicode.GetBytes(value)), "the secret is in a database file (UTF-16)");
    }

    bool InDatabaseFiles(byte[] value) =>
        Directory.GetFiles(_directory, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith(EmulatorStateFile, StringComparison.Ordinal))
            .Any(file =>
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                return memory.GetBuffer().AsSpan(0, (int)memory.Length).IndexOf(value) >= 0;
            });

    static HttpClient EmulatorAdmin(WorkerHost worker)
    {
        var api = new Uri(worker.Services.GetRequiredService<IConfiguration>()["Cloudflare:BaseAddress"]!);
        return new HttpClient { BaseAddress = new Uri(api, "/__emulator/") };
    }

    static async Task<AccountState> AccountAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<EmulatorState>("state", JsonSerializerOptions.Web))!.Accounts.Single();

    static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the KV namespace");
            await Task.Delay(50);
        }
    }
}
