using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Components.Consumers;

public sealed class DeprovisionTenantConsumer(CommandValidator validator, CommandIntake intake) : IConsumer<DeprovisionTenant>
{
    public Task Consume(ConsumeContext<DeprovisionTenant> context) =>
        intake.AcceptAsync(context, context.Message.CommandId, context.Message.TenantId, validator.Validate(context.Message));
}
