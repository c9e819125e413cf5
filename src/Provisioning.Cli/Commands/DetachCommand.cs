using System.CommandLine;
using Provisioning.Contracts;

namespace Provisioning.Cli.Commands;

internal static class DetachCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = Options.Tenant();
        var binding = new Argument<string>("binding") { Description = "The binding name to remove." };
        var deleteResource = new Option<bool>("--delete-resource") { Description = "Also delete the KV/D1/R2 resource behind it (it is kept otherwise)." };
        var command = new Command("detach", "Remove one binding from the tenant's worker.") { tenant, binding, deleteResource };
        command.SetAction(parse => cli.SendAsync(parse, id => new DetachBinding
        {
            CommandId = id,
            TenantId = parse.GetValue(tenant)!,
            BindingName = parse.GetValue(binding)!,
            DeleteResource = parse.GetValue(deleteResource),
        }, m => m.TenantId));
        return command;
    }
}
