using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Messaging;

/// <summary>
/// The worker's queue of each command (also the front door's URL segment): the kebab case of the contract name, e.g.
/// ProvisionTenant on provision-tenant. Every <see cref="ITenantCommand"/> in the contracts has one, plus the operator's
/// RetryCompensation (handled by the tenant saga itself); the worker's endpoints and the CLI both read it from here.
/// </summary>
public static class CommandQueues
{
    /// <summary>Every tenant command contract, in name order: each gets an intake consumer on its own queue.</summary>
    public static readonly IReadOnlyList<Type> TenantCommands = typeof(ITenantCommand).Assembly.GetExportedTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITenantCommand).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    static readonly Dictionary<string, Type> Types = TenantCommands.Append(typeof(RetryCompensation))
        .ToDictionary(For, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every queue name.</summary>
    public static IEnumerable<string> Names => Types.Keys;

    public static string For<T>() => For(typeof(T));

    public static string For(Type commandType)
    {
        ArgumentNullException.ThrowIfNull(commandType);
        return KebabCaseEndpointNameFormatter.Instance.SanitizeName(commandType.Name);
    }

    /// <summary>The command type of a queue name, or null.</summary>
    public static Type? CommandType(string queueName) => Types.GetValueOrDefault(queueName);
}
