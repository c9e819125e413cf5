using System.Diagnostics;
using Provisioning.Cli.Transport;
using Provisioning.Contracts;

namespace Provisioning.Cli;

/// <summary>Sends one command, shows progress while it waits for the outcome event, prints the outcome, picks the exit code.</summary>
public sealed class CommandRunner(ICommandTransport transport, TextWriter output, TextWriter error, TimeSpan timeout)
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(2);

    public async Task<int> SendAndWaitAsync<T>(T command, Guid commandId, string tenantId, CancellationToken cancellationToken)
        where T : class
    {
        await transport.SendAsync(command, commandId, cancellationToken);
        output.WriteLine($"Sent {typeof(T).Name} {commandId} for tenant {tenantId} to {transport.Description}");

        var clock = Stopwatch.StartNew();
        TimeSpan? lastStatus = null;
        string? state = null;
        while (clock.Elapsed < timeout)
        {
            if (await transport.TryGetOutcomeAsync(commandId, cancellationToken) is { } outcome)
            {
                error.WriteLine();
                OutcomePrinter.Print(outcome, output);
                return outcome is ICommandSucceeded ? ExitCodes.Success : ExitCodes.Failed;
            }

            if (lastStatus is null || clock.Elapsed - lastStatus >= StatusInterval)
            {
                lastStatus = clock.Elapsed;
                state = await TryGetStateAsync(tenantId, cancellationToken) ?? state;
            }

            error.Write($"\r  waiting {clock.Elapsed.TotalSeconds,4:0}s  tenant {tenantId}: {state ?? "(not known yet)"}   ");
            await Task.Delay(PollInterval, cancellationToken);
        }

        error.WriteLine();
        error.WriteLine($"No outcome for {typeof(T).Name} {commandId} within {timeout.TotalSeconds:0} s (last state: {state ?? "unknown"}). " +
                        $"It may still complete: `wfp status {tenantId}`.");
        return ExitCodes.Failed;
    }

    async Task<string?> TryGetStateAsync(string tenantId, CancellationToken cancellationToken)
    {
        try
        {
            var status = await transport.GetStatusAsync(tenantId, cancellationToken);
            return status is null ? null : status.CurrentOperation is { } op ? $"{status.State} ({op})" : status.State;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not TransportUnreachableException)
        {
            return null;   // status is only decoration while waiting; the outcome decides
        }
    }

    public static void PrintStatus(TenantStatus status, TextWriter output)
    {
        output.WriteLine($"Tenant {status.TenantId}: {status.State}");
        output.WriteLine($"  dispatch namespace: {status.DispatchNamespace ?? "-"}   script: {status.ScriptName ?? "-"}");
        if (status.CurrentOperation is not null)
        {
            output.WriteLine($"  running: {status.CurrentOperation} ({status.CurrentCommandId})");
        }

        if (status.FailureReason is not null)
        {
            output.WriteLine($"  last failure: {status.FailureReason}");
        }

        output.WriteLine("  bindings:");
        foreach (var binding in status.Bindings)
        {
            output.WriteLine($"    {binding.Name,-20} {binding.Type,-14} {binding.ResourceName}");
        }

        output.WriteLine("  resources:");
        foreach (var resource in status.Resources)
        {
            output.WriteLine($"    {resource.Type,-14} {resource.Name,-40} {resource.CloudflareId} {resource.State}");
        }

        output.WriteLine("  recent commands:");
        foreach (var command in status.RecentCommands)
        {
            output.WriteLine($"    {command.ReceivedAt:u} {command.CommandType,-18} {command.Status,-10} {command.OutcomeType} {command.CommandId}");
        }
    }
}
