using System.Text.Json;
using MassTransit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioning.Components.Operations;
using Provisioning.Components.Persistence;
using Provisioning.Components.Secrets;
using Provisioning.Components.Steps;
using Provisioning.Contracts;

namespace Provisioning.Components.Tests.StateMachines;

/// <summary>Rows as a worker leaves them in the database, for specs that start from what a crash or restart left behind.</summary>
static class StoredCommands
{
    /// <summary>The command as intake stores it: secret values encrypted with the key ring of <paramref name="services"/>.</summary>
    public static ProvisionTenant Protected(IServiceProvider services, ProvisionTenant command)
    {
        var secrets = services.GetRequiredService<SecretProtector>();
        return command with
        {
            Bindings = command.Bindings.Select(b => b.Type == BindingTypes.SecretText ? b with { Text = secrets.Protect(b.Text!) } : b).ToList(),
        };
    }

    /// <summary>The plan the saga would have stored when it started this provision.</summary>
    public static IReadOnlyList<TenantStep> Plan(ProvisionTenant command) =>
        ((ITenantOperation)new ProvisionTenantOperation(Options.Create(new ProvisioningOptions()))).Plan(command, new TenantView { TenantId = command.TenantId }).Steps;

    public static TenantCommand Row(ProvisionTenant command, TenantCommandStatus status, DateTime at) => new()
    {
        CommandId = command.CommandId, TenantId = command.TenantId, CommandType = nameof(ProvisionTenant),
        PayloadJson = JsonSerializer.Serialize(command, SystemTextJsonMessageSerializer.Options),
        SentTime = at, ReceivedAt = at, Sequence = at.Ticks, Status = status,
        StartedAt = status == TenantCommandStatus.Running ? at : null,
    };
}
