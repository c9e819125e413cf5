using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Provisioning.CloudflareEmulator;
using Provisioning.Contracts;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>
/// A worker as an operator meets it: the embedded default (in-memory transport, SQLite) with its front door behind
/// <see cref="Token"/>, against the emulator over HTTP so a test can inject Cloudflare errors.
/// </summary>
public sealed class OperatorWorker : IAsyncDisposable
{
    public const string Token = "operator-test-token";

    readonly string _database;

    OperatorWorker(WorkerHost worker, EmulatorDriver emulator, string database)
    {
        (Worker, Emulator, _database) = (worker, emulator, database);
        Http = new HttpClient { BaseAddress = worker.Address };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public WorkerHost Worker { get; }

    public EmulatorDriver Emulator { get; }

    /// <summary>The front door, with the token.</summary>
    public HttpClient Http { get; }

    /// <param name="settings">Settings on top of the operator worker's.</param>
    public static async Task<OperatorWorker> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var database = Path.Combine(Path.GetTempPath(), $"wfp-operator-{Guid.NewGuid():N}.db");
        var emulator = await EmulatorDriver.StartAsync();
        var worker = await WorkerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={database}",
            ["Cloudflare:Mode"] = "Api",
            ["Cloudflare:BaseAddress"] = emulator.ApiBaseAddress.ToString(),
            ["Cloudflare:AccountId"] = EmulatorDefaults.AccountId,
            ["Cloudflare:ApiToken"] = EmulatorDefaults.ApiToken,
            ["FrontDoor:Token"] = Token,
        }.Concat(settings ?? new Dictionary<string, string?>()).ToDictionary());
        return new OperatorWorker(worker, emulator, database);
    }

    /// <summary>Provisions a tenant with one KV namespace and a script; with <paramref name="failingCompensation"/>, the upload fails
    /// (Cloudflare 10021) and so does the undo's KV delete (10000), leaving the tenant in CompensationFailed.</summary>
    public async Task<string> ProvisionAsync(string prefix, bool failingCompensation = false, IEnumerable<BindingSpec>? bindings = null)
    {
        var tenantId = ProvisioningApp.NewTenantId(prefix);
        if (failingCompensation)
        {
            await Emulator.FailNextAsync("scripts.upload", 400, 10021, "Uncaught SyntaxError: injected by the test");
            await Emulator.FailNextAsync("kv.delete", 403, 10000, "injected: deletes are forbidden for now", count: 1000);
        }

        await Worker.Bus.Publish(new ProvisionTenant
        {
            CommandId = NewId.NextGuid(),
            TenantId = tenantId,
            Resources = [new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace }],
            Bindings = (bindings ?? []).ToList(),
            Script = ProvisioningApp.Script($"hello {tenantId}"),
        });
        await WaitForStateAsync(tenantId, failingCompensation ? "CompensationFailed" : "Active");
        return tenantId;
    }

    /// <summary>
    /// Puts <paramref name="tenantId"/>'s saga row in a running provision whose step waits for the Cloudflare API budget
    /// since <paramref name="since"/>, as a step's StepBudgetWaits writes it: the cheapest reliable wait for the page to show.
    /// </summary>
    public async Task MarkWaitingForBudgetAsync(string tenantId, DateTime since)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE "TenantStates" SET "CurrentState" = 'Provisioning', "CurrentOperation" = 'ProvisionTenant', "CurrentCommandId" = $command,
                "BudgetWaitSince" = $since, "BudgetWaitPriority" = 'Foreground'
            WHERE "TenantId" = $tenant
            """;
        command.Parameters.AddWithValue("$command", Guid.NewGuid().ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$since", since);
        command.Parameters.AddWithValue("$tenant", tenantId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    public async Task WaitForStateAsync(string tenantId, string state)
    {
        string? last = null;
        await ProvisioningApp.WaitUntilAsync(async () =>
        {
            using var response = await Http.GetAsync(new Uri($"tenants/{tenantId}", UriKind.Relative));
            last = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<TenantStatus>(JsonSerializerOptions.Web))!.State : null;
            return last == state;
        });
    }

    public async Task<TenantTimeline> GetTimelineAsync(string tenantId, string query = "")
    {
        using var response = await Http.GetAsync(new Uri($"tenants/{tenantId}/timeline{query}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TenantTimeline>(JsonSerializerOptions.Web))!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Worker.DisposeAsync();
        await Emulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
