namespace Provisioning.Components.StateMachines.Activities;

/// <summary>What every saga activity tells MassTransit's visitors and probes about itself: its type name.</summary>
public abstract class ActivityDescription : IStateMachineActivity
{
    public void Accept(StateMachineVisitor visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        visitor.Visit(this);
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CreateScope(GetType().Name);
    }
}
