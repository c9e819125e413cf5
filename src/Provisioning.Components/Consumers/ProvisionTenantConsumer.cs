using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Components.Consumers;

public sealed class ProvisionTenantConsumer(CommandValidator validator, CommandIntake intake) : IConsumer<ProvisionTenant>
{
    public Task Consume(ConsumeContext<ProvisionTenant> context) =>
        intake.AcceptAsync(context, context.Message.CommandId, context.Message.TenantId, validator.Validate(context.Message));
}
