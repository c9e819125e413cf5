using System.Text.Json;
using MassTransit.Serialization;

namespace Provisioning.Components.Operations;

/// <summary>The registered operations, by the name of the command type they carry out (as stored in TenantCommands).</summary>
public sealed class OperationCatalog(IEnumerable<ITenantOperation> operations)
{
    readonly Dictionary<string, ITenantOperation> _byCommand = operations.ToDictionary(x => x.CommandType.Name, StringComparer.Ordinal);

    public ITenantOperation? Find(string commandType) => _byCommand.GetValueOrDefault(commandType);

    public ITenantOperation Get(string commandType) =>
        Find(commandType) ?? throw new InvalidOperationException($"No operation is registered for command type '{commandType}'.");

    /// <summary>The command types that <paramref name="tenant"/> as it is now would park: a command of these already parked stays parked.</summary>
    public IReadOnlyCollection<string> ParkedBy(TenantView tenant) =>
        _byCommand.Where(x => x.Value.Admit(tenant).Decision == AdmissionDecision.Park).Select(x => x.Key).ToList();

    /// <summary>A stored command payload as its contract type.</summary>
    public static ITenantCommand Read(ITenantOperation operation, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return JsonSerializer.Deserialize(payloadJson, operation.CommandType, SystemTextJsonMessageSerializer.Options) as ITenantCommand
            ?? throw new InvalidOperationException($"A stored {operation.CommandType.Name} is empty.");
    }
}
