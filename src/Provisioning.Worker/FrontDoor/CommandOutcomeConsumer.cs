using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Worker.FrontDoor;

/// <summary>
/// Listens (on a temporary queue of its own) to every outcome event, so the HTTP front door can answer
/// GET /commands/{id} for commands it, or anyone else, sent.
/// </summary>
public sealed class CommandOutcomeConsumer(CommandOutcomes outcomes) :
    IConsumer<TenantProvisioned>, IConsumer<TenantProvisioningFailed>,
    IConsumer<BindingAttached>, IConsumer<BindingAttachFailed>,
    IConsumer<BindingDetached>, IConsumer<BindingDetachFailed>,
    IConsumer<ScriptDeployed>, IConsumer<ScriptDeployFailed>,
    IConsumer<TenantDeprovisioned>, IConsumer<TenantDeprovisioningFailed>,
    IConsumer<CommandRejected>
{
    public Task Consume(ConsumeContext<TenantProvisioned> context) => Record(context, m => (m.CommandId, m.TenantId), true);
    public Task Consume(ConsumeContext<TenantProvisioningFailed> context) => Record(context, m => (m.CommandId, m.TenantId), false);
    public Task Consume(ConsumeContext<BindingAttached> context) => Record(context, m => (m.CommandId, m.TenantId), true);
    public Task Consume(ConsumeContext<BindingAttachFailed> context) => Record(context, m => (m.CommandId, m.TenantId), false);
    public Task Consume(ConsumeContext<BindingDetached> context) => Record(context, m => (m.CommandId, m.TenantId), true);
    public Task Consume(ConsumeContext<BindingDetachFailed> context) => Record(context, m => (m.CommandId, m.TenantId), false);
    public Task Consume(ConsumeContext<ScriptDeployed> context) => Record(context, m => (m.CommandId, m.TenantId), true);
    public Task Consume(ConsumeContext<ScriptDeployFailed> context) => Record(context, m => (m.CommandId, m.TenantId), false);
    public Task Consume(ConsumeContext<TenantDeprovisioned> context) => Record(context, m => (m.CommandId, m.TenantId), true);
    public Task Consume(ConsumeContext<TenantDeprovisioningFailed> context) => Record(context, m => (m.CommandId, m.TenantId), false);
    public Task Consume(ConsumeContext<CommandRejected> context) => Record(context, m => (m.CommandId, m.TenantId), false);

    Task Record<T>(ConsumeContext<T> context, Func<T, (Guid CommandId, string TenantId)> ids, bool succeeded)
        where T : class
    {
        var (commandId, tenantId) = ids(context.Message);
        outcomes.Record(commandId, tenantId, context.Message, succeeded);
        return Task.CompletedTask;
    }
}
