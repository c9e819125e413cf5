using System.Diagnostics;
using Provisioning.Cli.Transport;
using Provisioning.Contracts;

namespace Provisioning.Cli;

/// <summary>Sends one command, shows progress while it waits for the outcome event, prints the outcome, picks the exit code.</summary>
internal sealed class CommandRunner(ICommandTransport transport, CliOutput cli, TimeSpan timeout)
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(2);

    public async Task<int> SendAndWaitAsync<T>(T command, Guid commandId, string tenantId, CancellationToken cancellationToken)
        where T : class
    {
        await transport.SendAsync(command, commandId, cancellationToken);
        cli.Note($"Sent {typeof(T).Name} {commandId} for tenant {tenantId} to {transport.Description}");
        return await WaitAsync(typeof(T).Name, commandId, tenantId, after: 0, outcome => outcome is ICommandSucceeded, cancellationToken);
    }

    /// <summary>
    /// Waits for an outcome of <paramref name="commandId"/> seen under a sequence number above <paramref name="after"/>,
    /// prints it and exits 0 when <paramref name="success"/> says so.
    /// </summary>
    public async Task<int> WaitAsync(string what, Guid commandId, string tenantId, long after, Func<ICommandOutcome, bool> success,
        CancellationToken cancellationToken)
    {
        var progress = new Progress(cli, tenantId);
        var clock = Stopwatch.StartNew();
        TimeSpan? lastStatus = null;
        string? state = null;
        while (clock.Elapsed < timeout)
        {
            if (await transport.TryGetOutcomeAsync(commandId, cancellationToken) is { } seen && seen.Sequence > after)
            {
                progress.Done();
                var succeeded = success(seen.Outcome);
                cli.WriteOutcome(seen.Outcome, succeeded);
                return succeeded ? ExitCodes.Success : ExitCodes.Failed;
            }

            if (lastStatus is null || clock.Elapsed - lastStatus >= StatusInterval)
            {
                lastStatus = clock.Elapsed;
                state = await TryGetStateAsync(tenantId, cancellationToken) ?? state;
            }

            progress.Report(clock.Elapsed, state);
            await Task.Delay(PollInterval, cancellationToken);
        }

        progress.Done();
        cli.Error.WriteLine($"No outcome for {what} {commandId} within {timeout.TotalSeconds:0} s (last state: {state ?? "unknown"}). " +
                            $"It may still complete: `wfp status {tenantId}`.");
        return ExitCodes.Failed;
    }

    async Task<string?> TryGetStateAsync(string tenantId, CancellationToken cancellationToken)
    {
        try
        {
            var status = await transport.GetStatusAsync(tenantId, cancellationToken);
            var waiting = status?.BudgetWaitSince is null ? "" : ", waiting for Cloudflare API budget";
            return status is null ? null : status.CurrentOperation is { } op ? $"{status.State} ({op}{waiting})" : status.State;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not TransportUnreachableException)
        {
            return null;   // status is only decoration while waiting; the outcome decides
        }
    }
}
