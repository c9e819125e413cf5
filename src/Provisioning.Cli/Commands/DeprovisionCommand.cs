using System.CommandLine;
using Provisioning.Contracts;

namespace Provisioning.Cli.Commands;

internal static class DeprovisionCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = Options.Tenant();
        var command = new Command("deprovision", "Delete the tenant's worker and every resource the service created for it.") { tenant };
        command.SetAction(parse => cli.SendAsync(parse, id => new DeprovisionTenant { CommandId = id, TenantId = parse.GetValue(tenant)! }, m => m.TenantId));
        return command;
    }
}
