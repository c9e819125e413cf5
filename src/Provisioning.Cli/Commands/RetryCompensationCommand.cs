using System.CommandLine;
using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Cli.Commands;

internal static class RetryCompensationCommand
{
    const string CompensationFailed = "CompensationFailed";

    public static Command Create(CliContext cli)
    {
        var tenant = Options.Tenant();
        var command = new Command("retry-compensation",
            "Re-run the undo of a tenant in state CompensationFailed, once the cause (e.g. a Cloudflare outage) is fixed.") { tenant };
        command.SetAction(parse => cli.RunAsync(parse, async transport =>
        {
            var tenantId = parse.GetValue(tenant)!;
            var status = await transport.GetStatusAsync(tenantId, CancellationToken.None);
            if (status is null || status.State != CompensationFailed)
            {
                cli.Error.WriteLine($"Tenant {tenantId} is {status?.State ?? "not known"}, not {CompensationFailed}: nothing to retry.");
                return ExitCodes.Failed;
            }

            await transport.SendAsync(new RetryCompensation { TenantId = tenantId }, NewId.NextGuid(), CancellationToken.None);
            cli.Output.WriteLine($"Sent RetryCompensation for tenant {tenantId} to {transport.Description}");

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var timeout = WfpCli.GetTimeout(parse);
            while (clock.Elapsed < timeout)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                status = await transport.GetStatusAsync(tenantId, CancellationToken.None);
                if (status is not null && status.State != CompensationFailed)
                {
                    cli.Error.WriteLine();
                    CommandRunner.PrintStatus(status, cli.Output);
                    return ExitCodes.Success;
                }

                cli.Error.Write($"\r  waiting {clock.Elapsed.TotalSeconds,4:0}s  tenant {tenantId}: {status?.State}   ");
            }

            cli.Error.WriteLine();
            cli.Error.WriteLine($"Tenant {tenantId} is still {CompensationFailed} after {timeout.TotalSeconds:0} s; see `wfp status {tenantId}` and the worker's log.");
            return ExitCodes.Failed;
        }));
        return command;
    }
}
