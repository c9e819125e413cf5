using System.CommandLine;
using Provisioning.Contracts;

namespace Provisioning.Cli.Commands;

internal static class DeployCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = Options.Tenant();
        var modules = Options.Modules(required: true);
        var command = new Command("deploy", "Upload new code for the tenant's worker; every binding, secrets included, is kept.")
        {
            tenant, modules, Options.MainModule, Options.CompatibilityDate, Options.CompatibilityFlags,
        };
        command.SetAction(parse => cli.SendAsync(parse, id => new DeployScript
        {
            CommandId = id,
            TenantId = parse.GetValue(tenant)!,
            Script = Options.Script(parse, modules),
        }, m => m.TenantId));
        return command;
    }
}
