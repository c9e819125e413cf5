using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Components.Consumers;

public sealed class DetachBindingConsumer(CommandValidator validator, CommandIntake intake) : IConsumer<DetachBinding>
{
    public Task Consume(ConsumeContext<DetachBinding> context) =>
        intake.AcceptAsync(context, context.Message.CommandId, context.Message.TenantId, validator.Validate(context.Message));
}
