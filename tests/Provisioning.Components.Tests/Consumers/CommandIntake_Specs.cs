using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.Persistence.Databases;
using Provisioning.Contracts;

namespace Provisioning.Components.Tests.Consumers;

/// <summary>Valid commands are stored once per CommandId and announced to the tenant saga.</summary>
public sealed class CommandIntake_Specs(SqliteTestDatabase database) : CommandIntakeHarness(database), IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task Should_store_a_valid_provision_tenant_and_announce_it_to_the_tenant_saga()
    {
        var command = Commands.Provision();

        await Harness.Bus.Publish(command);

        var queued = await Harness.Published.SelectAsync<TenantCommandQueued>(x => x.Context.Message.CommandId == command.CommandId).FirstOrDefault();
        Assert.NotNull(queued);
        Assert.Equal(TenantIds.ToCorrelationId(command.TenantId), queued.Context.Message.CorrelationId);
        Assert.Equal(command.TenantId, queued.Context.Message.TenantId);
        Assert.Equal(nameof(ProvisionTenant), queued.Context.Message.CommandType);

        var stored = await StoredAsync(command.CommandId);
        Assert.Equal(TenantCommandStatus.Queued, stored.Status);
        Assert.Equal(command.TenantId, stored.TenantId);
        Assert.Equal(nameof(ProvisionTenant), stored.CommandType);
        Assert.NotNull(stored.SentTime);
        Assert.Equal(DateTimeKind.Utc, stored.SentTime.Value.Kind);
        Assert.True(stored.Sequence > 0);
        Assert.Null(stored.OutcomeType);

        var payload = JsonSerializer.Deserialize<ProvisionTenant>(stored.PayloadJson, SystemTextJsonMessageSerializer.Options)!;
        Assert.Equal(command.CommandId, payload.CommandId);
        Assert.Equal(command.Resources.Select(r => r.BindingName), payload.Resources.Select(r => r.BindingName));
        Assert.Equal(command.Bindings.Select(b => b.Name), payload.Bindings.Select(b => b.Name));
    }

    [Theory]
    [InlineData(nameof(AttachBinding))]
    [InlineData("AttachBinding with a binding")]
    [InlineData(nameof(DetachBinding))]
    [InlineData(nameof(DeployScript))]
    [InlineData(nameof(DeprovisionTenant))]
    public async Task Should_store_every_other_valid_command(string kind)
    {
        var tenantId = Commands.NewTenantId();
        (object command, Guid commandId) = kind switch
        {
            nameof(AttachBinding) => Pair(Commands.Attach(tenantId)),
            "AttachBinding with a binding" => Pair(Commands.Attach(tenantId) with
            {
                Resource = null,
                Binding = new BindingSpec { Name = "FLAGS", Type = BindingTypes.Json, Json = "[1,2,3]" },
            }),
            nameof(DetachBinding) => Pair(Commands.Detach(tenantId)),
            nameof(DeployScript) => Pair(Commands.Deploy(tenantId)),
            nameof(DeprovisionTenant) => Pair(Commands.Deprovision(tenantId)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        await Harness.Bus.Publish(command);

        Assert.True(await Harness.Published.Any<TenantCommandQueued>(x => x.Context.Message.CommandId == commandId));
        var stored = await StoredAsync(commandId);
        Assert.Equal(command.GetType().Name, stored.CommandType);
        Assert.Equal(tenantId, stored.TenantId);
        Assert.Equal(TenantCommandStatus.Queued, stored.Status);
    }

    [Fact]
    public async Task Should_store_a_repeated_command_once_and_announce_it_again_while_it_waits()
    {
        var command = Commands.Deploy();

        await Harness.Bus.Publish(command);
        Assert.True(await Harness.Published.Any<TenantCommandQueued>(x => x.Context.Message.CommandId == command.CommandId));
        await Harness.Bus.Publish(command);

        var announcements = await AsyncElementListExtensions.Take(Harness.Published.SelectAsync<TenantCommandQueued>(x => x.Context.Message.CommandId == command.CommandId), 2).ToListAsync();
        Assert.Equal(2, announcements.Count);
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Commands.CountAsync(x => x.CommandId == command.CommandId));
        Assert.False(await Harness.Published.Any<CommandRejected>(x => x.Context.Message.CommandId == command.CommandId));
    }

    [Fact]
    public async Task Should_republish_the_stored_outcome_of_a_finished_command()
    {
        var command = Commands.Attach();
        var outcome = new BindingAttached
        {
            CommandId = command.CommandId,
            TenantId = command.TenantId,
            BindingName = "SESSIONS",
            BindingType = BindingTypes.KvNamespace,
            Resource = new ResourceInfo { Type = BindingTypes.KvNamespace, Name = $"wfp-{command.TenantId}-sessions", CloudflareId = "abc123", BindingName = "SESSIONS" },
        };
        await SeedAsync(command.CommandId, command.TenantId, nameof(AttachBinding), TenantCommandStatus.Succeeded, outcome);

        await Harness.Bus.Publish(command);

        var republished = await Harness.Published.SelectAsync<BindingAttached>(x => x.Context.Message.CommandId == command.CommandId).FirstOrDefault();
        Assert.NotNull(republished);
        Assert.Equal(outcome with { Resource = null }, republished.Context.Message with { Resource = null });
        Assert.Equal(outcome.Resource, republished.Context.Message.Resource);
        Assert.False(await Harness.Published.Any<TenantCommandQueued>(x => x.Context.Message.CommandId == command.CommandId));
    }

    [Fact]
    public async Task Should_republish_a_stored_failure_too()
    {
        var command = Commands.Deploy();
        var outcome = new ScriptDeployFailed
        {
            CommandId = command.CommandId,
            TenantId = command.TenantId,
            FailedStep = "UploadScript",
            ErrorCode = 10021,
            ErrorMessage = "Uncaught SyntaxError",
        };
        await SeedAsync(command.CommandId, command.TenantId, nameof(DeployScript), TenantCommandStatus.Failed, outcome);

        await Harness.Bus.Publish(command);

        var republished = await Harness.Published.SelectAsync<ScriptDeployFailed>(x => x.Context.Message.CommandId == command.CommandId).FirstOrDefault();
        Assert.NotNull(republished);
        Assert.Equal(10021, republished.Context.Message.ErrorCode);
        Assert.Equal("Uncaught SyntaxError", republished.Context.Message.ErrorMessage);
    }

    [Fact]
    public async Task Should_do_nothing_for_a_repeat_of_a_running_command()
    {
        var command = Commands.Detach();
        await SeedAsync(command.CommandId, command.TenantId, nameof(DetachBinding), TenantCommandStatus.Running, outcome: null);

        await Harness.Bus.Publish(command);

        Assert.True(await Harness.Consumed.Any<DetachBinding>(x => x.Context.Message.CommandId == command.CommandId));
        Assert.False(await Harness.Published.Any<TenantCommandQueued>(x => x.Context.Message.CommandId == command.CommandId));
        Assert.False(await Harness.Published.Any<CommandRejected>(x => x.Context.Message.CommandId == command.CommandId));
        Assert.Equal(TenantCommandStatus.Running, (await StoredAsync(command.CommandId)).Status);
    }

    [Fact]
    public async Task Should_reject_a_command_id_reused_for_another_command()
    {
        var first = Commands.Deploy();
        await Harness.Bus.Publish(first);
        Assert.True(await Harness.Published.Any<TenantCommandQueued>(x => x.Context.Message.CommandId == first.CommandId));

        var other = Commands.Deprovision() with { CommandId = first.CommandId };
        await Harness.Bus.Publish(other);

        var rejected = await Harness.Published.SelectAsync<CommandRejected>(x => x.Context.Message.CommandId == first.CommandId).FirstOrDefault();
        Assert.NotNull(rejected);
        Assert.Equal(other.TenantId, rejected.Context.Message.TenantId);
        Assert.Contains($"was already used for a DeployScript of tenant '{first.TenantId}'", rejected.Context.Message.Reason);
        Assert.Equal(nameof(DeployScript), (await StoredAsync(first.CommandId)).CommandType);
    }

    [Fact]
    public async Task Should_store_one_row_when_two_copies_arrive_together()
    {
        var command = Commands.Provision();

        await Task.WhenAll(Harness.Bus.Publish(command), Harness.Bus.Publish(command));

        var consumed = await AsyncElementListExtensions.Take(Harness.Consumed.SelectAsync<ProvisionTenant>(x => x.Context.Message.CommandId == command.CommandId), 2).ToListAsync();
        Assert.Equal(2, consumed.Count);
        Assert.All(consumed, x => Assert.Null(x.Exception));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Commands.CountAsync(x => x.CommandId == command.CommandId));
    }

    [Fact]
    public async Task Should_number_commands_in_arrival_order()
    {
        var tenantId = Commands.NewTenantId();
        var first = Commands.Provision(tenantId);
        var second = Commands.Attach(tenantId);

        await Harness.Bus.Publish(first);
        Assert.True(await Harness.Published.Any<TenantCommandQueued>(x => x.Context.Message.CommandId == first.CommandId));
        await Harness.Bus.Publish(second);
        Assert.True(await Harness.Published.Any<TenantCommandQueued>(x => x.Context.Message.CommandId == second.CommandId));

        Assert.True((await StoredAsync(first.CommandId)).Sequence < (await StoredAsync(second.CommandId)).Sequence);
    }

    static (object, Guid) Pair(AttachBinding c) => (c, c.CommandId);

    static (object, Guid) Pair(DetachBinding c) => (c, c.CommandId);

    static (object, Guid) Pair(DeployScript c) => (c, c.CommandId);

    static (object, Guid) Pair(DeprovisionTenant c) => (c, c.CommandId);

    async Task SeedAsync(Guid commandId, string tenantId, string commandType, TenantCommandStatus status, object? outcome)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        db.Commands.Add(new TenantCommand
        {
            CommandId = commandId,
            TenantId = tenantId,
            CommandType = commandType,
            PayloadJson = "{}",
            SentTime = DateTime.UtcNow,
            ReceivedAt = DateTime.UtcNow,
            Sequence = 1,
            Status = status,
            OutcomeType = outcome?.GetType().Name,
            OutcomeJson = outcome is null ? null : JsonSerializer.Serialize(outcome, outcome.GetType(), SystemTextJsonMessageSerializer.Options),
        });
        await db.SaveChangesAsync();
    }
}
