using Provisioning.Contracts;

namespace Provisioning.Messaging;

/// <summary>
/// The worker's queue of each command (also the front door's URL segment): MassTransit's kebab-case of the consumer
/// name, e.g. ProvisionTenantConsumer on provision-tenant. The worker's endpoints and the CLI read it from here.
/// </summary>
public static class CommandQueues
{
    static readonly Dictionary<Type, string> Queues = new()
    {
        [typeof(ProvisionTenant)] = "provision-tenant",
        [typeof(AttachBinding)] = "attach-binding",
        [typeof(DetachBinding)] = "detach-binding",
        [typeof(DeployScript)] = "deploy-script",
        [typeof(DeprovisionTenant)] = "deprovision-tenant",
        // Operator command, handled by the tenant saga itself.
        [typeof(RetryCompensation)] = "retry-compensation",
    };

    static readonly Dictionary<string, Type> Types = Queues.ToDictionary(x => x.Value, x => x.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every queue name, in the order above.</summary>
    public static IEnumerable<string> Names => Queues.Values;

    public static string For<T>() => For(typeof(T));

    public static string For(Type commandType)
    {
        ArgumentNullException.ThrowIfNull(commandType);
        return Queues.TryGetValue(commandType, out var queue) ? queue : throw new ArgumentException($"{commandType.Name} is not a command.", nameof(commandType));
    }

    /// <summary>The command type of a queue name, or null.</summary>
    public static Type? CommandType(string queueName) => Types.GetValueOrDefault(queueName);
}
