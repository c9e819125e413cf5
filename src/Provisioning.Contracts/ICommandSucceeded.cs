namespace Provisioning.Contracts;

/// <summary>An outcome that says the command was carried out.</summary>
public interface ICommandSucceeded : ICommandOutcome;
