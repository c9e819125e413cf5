namespace Provisioning.Components.Consumers;

/// <summary>
/// The intake of one command type on its own queue: validate, then reject or store the command once and tell the
/// tenant saga. Every <see cref="ITenantCommand"/> contract gets one (see <see cref="CommandConsumerDefinition{TCommand}"/>).
/// </summary>
public sealed class TenantCommandConsumer<TCommand>(CommandValidator validator, CommandIntake intake) : IConsumer<TCommand>
    where TCommand : class, ITenantCommand
{
    public Task Consume(ConsumeContext<TCommand> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return intake.AcceptAsync(context, context.Message.CommandId, context.Message.TenantId, validator.Validate(context.Message));
    }
}
