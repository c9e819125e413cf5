using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Components.Consumers;

public sealed class AttachBindingConsumer(CommandValidator validator, CommandIntake intake) : IConsumer<AttachBinding>
{
    public Task Consume(ConsumeContext<AttachBinding> context) =>
        intake.AcceptAsync(context, context.Message.CommandId, context.Message.TenantId, validator.Validate(context.Message));
}
