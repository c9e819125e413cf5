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

    /// <summary>
    /// A refusal or an unknown tenant in answer to an operator request: written (to stderr, or as the JSON document) with
    /// its exit code; null when the request was done and the caller goes on.
    /// </summary>
    public int? Refusal(object answer, string tenantId)
    {
        var (code, text) = answer switch
        {
            TenantNotFound => (ExitCodes.NotFound, $"Tenant {tenantId} is not known to the worker."),
            OperatorCommandRefused refused => (ExitCodes.Failed, $"Refused: {refused.Reason}"),
            _ => (0, null),
        };
        if (text is null)
        {
            return null;
        }

        if (json)
        {
            WriteAnswer(answer);
        }

        error.WriteLine(text);
        return code;
    }

    /// <summary>An operator request's answer as one JSON document, with its contract name.</summary>
    public void WriteAnswer(object answer) =>
        WriteJson(new AnswerDocument(answer.GetType().Name, JsonSerializer.SerializeToElement(answer, answer.GetType(), JsonSerializerOptions.Web)));

    sealed record AnswerDocument(string AnswerType, JsonElement Answer);

    sealed record OutcomeDocument(string OutcomeType, bool Succeeded, JsonElement Outcome);
}
