using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Components.Consumers;

public sealed class DeployScriptConsumer(CommandValidator validator, CommandIntake intake) : IConsumer<DeployScript>
{
    public Task Consume(ConsumeContext<DeployScript> context) =>
        intake.AcceptAsync(context, context.Message.CommandId, context.Message.TenantId, validator.Validate(context.Message));
}
