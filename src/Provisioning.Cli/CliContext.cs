using System.CommandLine;
using MassTransit;
using Provisioning.Cli.Transport;

namespace Provisioning.Cli;

/// <summary>What every subcommand needs: the writers and a way to reach the worker.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, bool interactive, Func<ParseResult, ICommandTransport> transportFactory)
{
    public TextWriter Error => error;

    /// <summary>The writers for this command line (--json or text).</summary>
    public CliOutput Out(ParseResult parse) => new(output, error, WfpCli.IsJson(parse), interactive);

    /// <summary>Connects, runs <paramref name="work"/>, maps unreachable to exit code 3 and usage mistakes to 2.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<ICommandTransport, CliOutput, Task<int>> work)
    {
        try
        {
            await using var transport = transportFactory(parse);
            await transport.ConnectAsync(CancellationToken.None);
            return await work(transport, Out(parse));
        }
        catch (TransportUnreachableException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.Unreachable;
        }
        catch (UsageException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
        catch (RequestTimeoutException ex)
        {
            error.WriteLine($"No answer from the worker: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>Builds the command (usage mistakes exit 2 before anything is contacted), sends it and waits for its outcome.</summary>
    public Task<int> SendAsync<T>(ParseResult parse, Func<Guid, T> build, Func<T, string> tenantOf)
        where T : class
    {
        var commandId = NewId.NextGuid();
        T command;
        try
        {
            command = build(commandId);
        }
        catch (UsageException ex)
        {
            error.WriteLine(ex.Message);
            return Task.FromResult(ExitCodes.Usage);
        }

        return RunAsync(parse, (transport, cli) => new CommandRunner(transport, cli, WfpCli.GetTimeout(parse))
            .SendAndWaitAsync(command, commandId, tenantOf(command), CancellationToken.None));
    }
}
