namespace Provisioning.Components.Steps.DeleteResource;

/// <summary>One ledger resource a step deletes, found by type and name.</summary>
public sealed record ResourceToDelete(string ResourceType, string ResourceName, bool OnlyIfCreatedByThisCommand = false);
