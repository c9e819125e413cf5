using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioning.Components.Outbox;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.Persistence.Databases;
using Provisioning.Contracts;

namespace Provisioning.Components.Tests.Outbox;

/// <summary>Bad input to the outbox fails loudly and leaves nothing behind.</summary>
public sealed class When_the_outbox_gets_bad_input(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task Should_refuse_a_message_that_is_not_of_its_declared_type()
    {
        await using var services = new ServiceCollection()
            .AddProvisioningPersistence(new DatabaseOptions { ConnectionString = database.ConnectionString, MigrateOnStart = false })
            .BuildServiceProvider();
        var contexts = services.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>();
        await DatabaseMigrator.MigrateAsync(contexts, CancellationToken.None);
        var writer = new OutboxWriter(new OutboxSignal(), new OutboxReplica(), TimeProvider.System);

        await using var db = await contexts.CreateDbContextAsync();
        var error = Assert.Throws<ArgumentException>(() =>
            writer.Add(db, new ResumeTenantOperation { CorrelationId = Guid.NewGuid() }, typeof(CommandRejected), "t-bad", null));

        Assert.Contains("not a CommandRejected", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.SaveChangesAsync());
        Assert.False(await db.OutboxMessages.AnyAsync(x => x.TenantId == "t-bad"));
    }

    [Theory]
    [InlineData("Outbox:BatchSize", "0")]
    [InlineData("Outbox:PollInterval", "00:00:00")]
    [InlineData("Outbox:LeaseDuration", "00:00:00.5")]
    [InlineData("Outbox:HandoffLease", "00:00:00")]
    public void Should_reject_settings_out_of_range_at_start(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddLogging().AddProvisioningOutbox(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OutboxOptions>>().Value);
        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }
}
