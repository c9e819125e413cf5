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
        var tags = Options.Many("--tag", "A script tag (for filtering in the dispatch namespace); repeat for several.");
        var bindings = new BindingOptions();
        var modules = Options.Modules(required: false);
        var command = new Command("provision", "Create the tenant's resources and upload its worker (a hello-world module unless --module is given).")
        {
            tenant, ns, scriptName, tags, modules, Options.MainModule, Options.CompatibilityDate, Options.CompatibilityFlags,
        };
        foreach (var option in bindings.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => cli.SendAsync(parse, id => new ProvisionTenant
        {
            CommandId = id,
            TenantId = parse.GetValue(tenant)!,
            DispatchNamespace = parse.GetValue(ns),
            ScriptName = parse.GetValue(scriptName),
            Resources = bindings.Resources(parse),
            Bindings = bindings.Bindings(parse),
            Script = Options.Script(parse, modules),
            Tags = parse.GetValue(tags)!,
        }, m => m.TenantId));
        return command;
    }
}
