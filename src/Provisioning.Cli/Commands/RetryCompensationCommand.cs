using System.CommandLine;
using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Cli.Commands;

/// <summary>
/// RetryCompensation carries no CommandId: its outcome is the failed command's outcome published again. So the CLI
/// reads that CommandId from the status, notes the sequence of the outcome already seen for it, and waits for a later one.
/// </summary>
internal static class RetryCompensationCommand
{
    public static Command Create(CliContext context)
    {
        var tenant = Options.Tenant();
        var command = new Command("retry-compensation",
            "Re-run the undo of a tenant in state CompensationFailed, once the cause (e.g. a Cloudflare outage) is fixed; exits 0 when the undo completed.") { tenant };
        command.SetAction(parse => context.RunAsync(parse, async (transport, cli) =>
        {
            var tenantId = parse.GetValue(tenant)!;
            var status = await transport.GetStatusAsync(tenantId, CancellationToken.None);
            if (status is null)
            {
                cli.Error.WriteLine($"Tenant {tenantId} is not known to the worker.");
                return ExitCodes.NotFound;
            }

            if (status.State != StatusPrinter.CompensationFailed || status.CurrentCommandId is not { } commandId)
            {
                cli.Error.WriteLine($"Tenant {tenantId} is {status.State}, not {StatusPrinter.CompensationFailed}: nothing to retry.");
                return ExitCodes.Failed;
            }

            var before = (await transport.TryGetOutcomeAsync(commandId, CancellationToken.None))?.Sequence ?? 0;
            await transport.SendAsync(new RetryCompensation { TenantId = tenantId }, NewId.NextGuid(), CancellationToken.None);
            cli.Note($"Sent RetryCompensation for tenant {tenantId} to {transport.Description}: retrying the undo of {status.CurrentOperation} {commandId}");
            return await new CommandRunner(transport, cli, WfpCli.GetTimeout(parse)).WaitAsync($"RetryCompensation of {status.CurrentOperation}", commandId,
                tenantId, before, outcome => outcome is ICommandFailed { CompensationFailed: false }, CancellationToken.None);
        }));
        return command;
    }
}
