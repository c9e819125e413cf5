using System.CommandLine;
using Provisioning.Contracts;

namespace Provisioning.Cli.Commands;

internal static class AttachCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = Options.Tenant();
        var options = new BindingOptions();
        var command = new Command("attach",
            "Add one binding to the tenant's worker, keeping every other binding: exactly one of --kv, --d1, --r2, --var, --secret, --json-var, --service, --queue, --analytics, --durable-object, --dispatch-namespace.")
        {
            tenant,
        };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => cli.SendAsync(parse, id =>
        {
            var resources = options.Resources(parse);
            var bindings = options.Bindings(parse);
            if (resources.Count + bindings.Count != 1)
            {
                throw new UsageException("attach takes exactly one binding option (--kv NAME, --d1 NAME, --r2 NAME, --var NAME=VALUE, --secret NAME=VALUE, ...).");
            }

            return new AttachBinding
            {
                CommandId = id,
                TenantId = parse.GetValue(tenant)!,
                Resource = resources.SingleOrDefault(),
                Binding = bindings.SingleOrDefault(),
            };
        }, m => m.TenantId));
        return command;
    }
}
