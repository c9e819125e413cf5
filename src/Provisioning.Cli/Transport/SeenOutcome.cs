using Provisioning.Contracts;

namespace Provisioning.Cli.Transport;

/// <summary>An outcome event as a transport saw it; <see cref="Sequence"/> grows with every outcome seen, so a later one for the same command is told apart.</summary>
public sealed record SeenOutcome(ICommandOutcome Outcome, long Sequence);
