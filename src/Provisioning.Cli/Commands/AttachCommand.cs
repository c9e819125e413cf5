using System.CommandLine;
using Provisioning.Contracts;

namespace Provisioning.Cli.Commands;

internal static class AttachCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = Options.Tenant();
        var kv = Options.Many("--kv", "Create a KV namespace bound as NAME.");
        var d1 = Options.Many("--d1", "Create a D1 database bound as NAME.");
        var r2 = Options.Many("--r2", "Create an R2 bucket bound as NAME.");
        var vars = Options.Many("--var", "A plain_text binding NAME=VALUE.");
        var secrets = Options.Many("--secret", "A secret_text binding NAME=VALUE (never logged).");
        var command = new Command("attach", "Add one binding to the tenant's worker, keeping every other binding: exactly one of --kv, --d1, --r2, --var, --secret.")
        {
            tenant, kv, d1, r2, vars, secrets,
        };
        command.SetAction(parse => cli.SendAsync(parse, id =>
        {
            var resources = Options.Resources(parse, kv, d1, r2).ToList();
            var bindings = Options.Bindings(parse, vars, secrets).ToList();
            if (resources.Count + bindings.Count != 1)
            {
                throw new UsageException("attach takes exactly one of --kv NAME, --d1 NAME, --r2 NAME, --var NAME=VALUE, --secret NAME=VALUE.");
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
