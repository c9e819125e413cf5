using MassTransit;
using Provisioning.Contracts;
using Provisioning.Messaging;

namespace Provisioning.Worker.FrontDoor;

/// <summary>
/// Hears every outcome event once (one subscription to the <see cref="ICommandOutcome"/> family, on a temporary queue
/// of this instance), so the HTTP front door can answer GET /commands/{id} for commands it, or anyone else, sent.
/// </summary>
public sealed class CommandOutcomeConsumer(CommandOutcomes outcomes) : IConsumer<ICommandOutcome>
{
    public Task Consume(ConsumeContext<ICommandOutcome> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        outcomes.Record(OutcomeMessages.Concrete(context));
        return Task.CompletedTask;
    }
}
