using System.CommandLine;

namespace Provisioning.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var tenant = Options.Tenant();
        var command = new Command("status", "Show a tenant's state, bindings, resources and recent commands (exit 4 when the tenant is not known).") { tenant };
        command.SetAction(parse => context.RunAsync(parse, async (transport, cli) =>
        {
            var tenantId = parse.GetValue(tenant)!;
            var status = await transport.GetStatusAsync(tenantId, CancellationToken.None);
            if (status is null)
            {
                cli.Error.WriteLine($"Tenant {tenantId} is not known to the worker.");
                return ExitCodes.NotFound;
            }

            if (cli.Json)
            {
                cli.WriteJson(status);
            }
            else
            {
                StatusPrinter.Print(status, cli.Output, DateTime.UtcNow);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
