using System.CommandLine;
using System.CommandLine.Parsing;
using Provisioning.Cli.Commands;
using Provisioning.Cli.Transport;
using Provisioning.Messaging;

namespace Provisioning.Cli;

/// <summary>`wfp`: sends provisioning commands and reads tenant status, over RabbitMQ or the embedded worker's front door.</summary>
public static class WfpCli
{
    public const string DefaultWorker = "http://127.0.0.1:8080";

    static readonly Option<string?> RabbitMq = new("--rabbitmq")
    {
        Description = "Broker URI (amqp://user:pass@host:5672/vhost); default $WFP_RABBITMQ. Without it the CLI talks to the worker's HTTP front door.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("WFP_RABBITMQ"),
    };

    static readonly Option<string> Worker = new("--worker")
    {
        Description = $"The embedded worker's front door; default $WFP_WORKER or {DefaultWorker}.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("WFP_WORKER") is { Length: > 0 } w ? w : DefaultWorker,
    };

    static readonly Option<string?> Token = new("--token")
    {
        Description = "The worker front door's bearer token (its FrontDoor__Token); default $WFP_TOKEN. Not used with --rabbitmq.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("WFP_TOKEN"),
    };

    static readonly Option<int> Timeout = new("--timeout")
    {
        Description = "Seconds to wait for the outcome.",
        Recursive = true,
        DefaultValueFactory = _ => 120,
    };

    static readonly Option<bool> Json = new("--json")
    {
        Description = "Write one JSON document on stdout (the outcome event with its type name, the status, the tenant list); progress and errors go to stderr.",
        Recursive = true,
    };

    /// <summary>Runs the CLI; <paramref name="transportFactory"/> lets tests supply the transport.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken,
        Func<ParseResult, ICommandTransport>? transportFactory = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        // Progress rewrites its line in place only on a terminal; a pipe or a file gets plain lines.
        var interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        var context = new CliContext(output, error, interactive, transportFactory ?? CreateTransport);
        var root = new RootCommand("wfp: provision tenants on Cloudflare Workers for Platforms through the wfp-provisioner worker")
        {
            RabbitMq, Worker, Token, Timeout, Json,
            ProvisionCommand.Create(context),
            AttachCommand.Create(context),
            DetachCommand.Create(context),
            DeployCommand.Create(context),
            DeprovisionCommand.Create(context),
            RetryCompensationCommand.Create(context),
            ResumeCommand.Create(context),
            ForgetCommand.Create(context),
            StatusCommand.Create(context),
            TenantsCommand.Create(context),
            TimelineCommand.Create(context),
            ReconcileCommand.Create(context),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine(OptionOf(parseError) is { } option ? $"{option}: {parseError.Message}" : parseError.Message);
            }

            error.WriteLine("Run `wfp --help` for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    /// <summary>The option a parse error is about (its value, or the option itself), so the one-line message names it.</summary>
    static string? OptionOf(ParseError parseError) => parseError.SymbolResult switch
    {
        OptionResult o => o.Option.Name,
        ArgumentResult { Parent: OptionResult o } => o.Option.Name,
        _ => null,
    };

    static ICommandTransport CreateTransport(ParseResult parse)
    {
        if (parse.GetValue(RabbitMq) is { Length: > 0 } broker)
        {
            return Uri.TryCreate(broker, UriKind.Absolute, out var brokerUri) && RabbitMqAddress.IsSupported(brokerUri)
                ? new RabbitMqTransport(new RabbitMqAddress(brokerUri))
                : throw new UsageException($"--rabbitmq must be an amqp:// or amqps:// URI, got '{broker}'.");
        }

        var worker = parse.GetValue(Worker)!;
        return Uri.TryCreate(worker, UriKind.Absolute, out var workerUri) && workerUri.Scheme is "http" or "https"
            ? new HttpWorkerTransport(workerUri, token: parse.GetValue(Token))
            : throw new UsageException($"--worker must be an http:// URL, got '{worker}'.");
    }

    internal static bool IsJson(ParseResult parse) => parse.GetValue(Json);

    internal static TimeSpan GetTimeout(ParseResult parse) => TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(Timeout)));
}
