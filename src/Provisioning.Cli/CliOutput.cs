using System.Text.Json;
using Provisioning.Contracts;

namespace Provisioning.Cli;

/// <summary>
/// Where the CLI writes: with --json one JSON document on stdout and everything else (the "Sent" line, progress,
/// errors) on stderr; without it text for people on stdout. <see cref="Interactive"/>: stderr is a terminal.
/// </summary>
internal sealed class CliOutput(TextWriter output, TextWriter error, bool json, bool interactive)
{
    static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public TextWriter Output => output;

    public TextWriter Error => error;

    public bool Json => json;

    public bool Interactive => interactive;

    /// <summary>A line about what the CLI is doing: stdout for people, stderr under --json.</summary>
    public void Note(string line) => (json ? error : output).WriteLine(line);

    public void WriteJson<T>(T document) => output.WriteLine(JsonSerializer.Serialize(document, JsonOptions));

    /// <summary>The outcome event as published, with its contract name (the shape of the front door's GET /commands/{id}).</summary>
    public void WriteOutcome(ICommandOutcome outcome, bool succeeded)
    {
        if (json)
        {
            WriteJson(new OutcomeDocument(outcome.GetType().Name, succeeded,
                JsonSerializer.SerializeToElement(outcome, outcome.GetType(), JsonSerializerOptions.Web)));
        }
        else
        {
            OutcomePrinter.Print(outcome, output);
        }
    }

    sealed record OutcomeDocument(string OutcomeType, bool Succeeded, JsonElement Outcome);
}
