using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Provisioning.Components.Persistence;

namespace Provisioning.Components.Tests.Persistence;

public class PersistenceRegistrationTests
{
    [Fact]
    public void Defaults_to_an_embedded_sqlite_file()
    {
        using var host = Build([]);

        using var db = host.Services.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>().CreateDbContext();

        Assert.IsType<SqliteProvisioningDbContext>(db);
        Assert.Equal("Data Source=wfp-provisioner.db", db.Database.GetConnectionString());
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<DatabaseMigrator>());
    }

    [Fact]
    public async Task Turns_sqlite_secure_delete_and_busy_timeout_on_for_every_connection()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wfp-pragmas-{Guid.NewGuid():N}.db");
        using var host = Build(new() { ["Database:ConnectionString"] = $"Data Source={path}" });
        var contexts = host.Services.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>();

        foreach (var _ in Enumerable.Range(0, 2))
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA secure_delete;";
            Assert.Equal(1L, await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal((long)SqliteConnectionPragmas.BusyTimeout.TotalMilliseconds, await command.ExecuteScalarAsync());
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    [Fact]
    public void Selects_postgres_from_configuration()
    {
        using var host = Build(new()
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = "Host=db.internal;Database=wfp",
            ["Database:MigrateOnStart"] = "false",
        });

        using var db = host.Services.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>().CreateDbContext();

        Assert.IsType<PostgresProvisioningDbContext>(db);
        Assert.Contains("db.internal", db.Database.GetConnectionString());
        Assert.Empty(host.Services.GetServices<IHostedService>().OfType<DatabaseMigrator>());
    }

    [Fact]
    public void Postgres_without_a_connection_string_fails_at_start_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Database:Provider"] = "Postgres" }));

        Assert.Contains("Database:ConnectionString", error.Message);
    }

    [Fact]
    public void Options_validation_names_the_missing_postgres_connection_string()
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres };
        var result = new DataAnnotationValidateOptions<DatabaseOptions>(null).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Database:ConnectionString", result.FailureMessage);
    }

    static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddProvisioningPersistence();
        return builder.Build();
    }
}
