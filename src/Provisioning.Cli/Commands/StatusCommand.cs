using System.CommandLine;

namespace Provisioning.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = Options.Tenant();
        var command = new Command("status", "Show a tenant's state, bindings, resources and recent commands.") { tenant };
        command.SetAction(parse => cli.RunAsync(parse, async transport =>
        {
            var tenantId = parse.GetValue(tenant)!;
            var status = await transport.GetStatusAsync(tenantId, CancellationToken.None);
            if (status is null)
            {
                cli.Error.WriteLine($"Tenant {tenantId} is not known to the worker.");
                return ExitCodes.Failed;
            }

            CommandRunner.PrintStatus(status, cli.Output);
            return ExitCodes.Success;
        }));
        return command;
    }
}
