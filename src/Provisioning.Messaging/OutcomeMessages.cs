using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Messaging;

/// <summary>
/// One subscription to <see cref="ICommandOutcome"/> hears every outcome once; this gives the handler the concrete
/// event (TenantProvisioned, ScriptDeployFailed, ...) that was published, for typed printing and storage.
/// </summary>
public static class OutcomeMessages
{
    static readonly MethodInfo TryGetGeneric = typeof(OutcomeMessages).GetMethod(nameof(TryGet), BindingFlags.NonPublic | BindingFlags.Static)!;
    static readonly ConcurrentDictionary<Type, Func<ConsumeContext, ICommandOutcome?>> Readers = new();

    /// <summary>The published event as its own contract type; the interface view when no known contract matches.</summary>
    public static ICommandOutcome Concrete(ConsumeContext<ICommandOutcome> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var urn in context.SupportedMessageTypes)
        {
            // urn:message:Provisioning.Contracts:TenantProvisioned
            var name = urn[(urn.LastIndexOf(':') + 1)..];
            if (CommandOutcomeTypes.Find(name) is { } type
                && Readers.GetOrAdd(type, t => TryGetGeneric.MakeGenericMethod(t).CreateDelegate<Func<ConsumeContext, ICommandOutcome?>>())(context) is { } outcome)
            {
                return outcome;
            }
        }

        return context.Message;
    }

    static ICommandOutcome? TryGet<T>(ConsumeContext context)
        where T : class, ICommandOutcome =>
        context.TryGetMessage<T>(out var typed) ? typed.Message : null;
}
