using System.CommandLine;
using Provisioning.Contracts;

namespace Provisioning.Cli.Commands;

internal static class ProvisionCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = Options.Tenant();
        var ns = new Option<string?>("--namespace") { Description = "Dispatch namespace (default: the worker's Provisioning:DefaultDispatchNamespace)." };
        var scriptName = new Option<string?>("--script-name") { Description = "Script name (default: derived from the tenant id)." };
        var kv = Options.Many("--kv", "Create a KV namespace bound as NAME.");
        var d1 = Options.Many("--d1", "Create a D1 database bound as NAME.");
        var r2 = Options.Many("--r2", "Create an R2 bucket bound as NAME.");
        var vars = Options.Many("--var", "A plain_text binding NAME=VALUE.");
        var secrets = Options.Many("--secret", "A secret_text binding NAME=VALUE (never logged).");
        var modules = Options.Modules(required: false);
        var command = new Command("provision", "Create the tenant's resources and upload its worker (a hello-world module unless --module is given).")
        {
            tenant, ns, scriptName, kv, d1, r2, vars, secrets, modules, Options.MainModule, Options.CompatibilityDate,
        };
        command.SetAction(parse => cli.SendAsync(parse, id => new ProvisionTenant
        {
            CommandId = id,
            TenantId = parse.GetValue(tenant)!,
            DispatchNamespace = parse.GetValue(ns),
            ScriptName = parse.GetValue(scriptName),
            Resources = Options.Resources(parse, kv, d1, r2).ToList(),
            Bindings = Options.Bindings(parse, vars, secrets).ToList(),
            Script = Options.Script(parse.GetValue(modules)!, parse.GetValue(Options.MainModule), parse.GetValue(Options.CompatibilityDate)),
        }, m => m.TenantId));
        return command;
    }
}
