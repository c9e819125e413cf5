using System.CommandLine;
using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Cli;

internal static class Options
{
    public static Argument<string> Tenant() => new("tenant") { Description = "The tenant id (lowercase letters, digits, hyphens)." };

    public static Option<string[]> Many(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
    };

    public static Option<FileInfo[]> Modules(bool required)
    {
        var option = new Option<FileInfo[]>("--module")
        {
            Description = "A module file (ES module .js/.mjs, .json, .txt); repeat for several. The first is the main module unless --main-module says otherwise.",
            Required = required,
        };
        if (!required)
        {
            // A default would satisfy Required, so only the optional form has one.
            option.DefaultValueFactory = _ => [];
        }

        return option;
    }

    public static readonly Option<string?> MainModule = new("--main-module") { Description = "File name of the main module." };
    public static readonly Option<string?> CompatibilityDate = new("--compat-date") { Description = "Workers compatibility date, e.g. 2025-11-01 (default: the worker's Provisioning:DefaultCompatibilityDate)." };

    public static ScriptSpec Script(FileInfo[] files, string? mainModule, string? compatibilityDate)
    {
        var modules = files.Length == 0 ? [HelloWorld.Module] : files.Select(ReadModule).ToList();
        return new ScriptSpec
        {
            Modules = modules,
            MainModule = mainModule ?? modules[0].Name,
            CompatibilityDate = compatibilityDate,   // null: the worker's Provisioning:DefaultCompatibilityDate
        };
    }

    static ScriptModule ReadModule(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new UsageException($"Module file {file.FullName} does not exist.");
        }

        var contentType = file.Extension.ToLowerInvariant() switch
        {
            ".js" or ".mjs" => "application/javascript+module",
            ".cjs" => "application/javascript",
            ".json" => "application/json",
            ".txt" => "text/plain",
            _ => throw new UsageException($"Module {file.Name}: only .js, .mjs, .cjs, .json and .txt modules can be sent as text."),
        };
        return new ScriptModule { Name = file.Name, Content = File.ReadAllText(file.FullName), ContentType = contentType };
    }

    public static (string Name, string Value) Pair(string text, string option)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        return at > 0 ? (text[..at], text[(at + 1)..]) : throw new UsageException($"{option} expects NAME=VALUE, got '{text}'.");
    }

    public static IEnumerable<ResourceSpec> Resources(ParseResult parse, Option<string[]> kv, Option<string[]> d1, Option<string[]> r2) =>
        parse.GetValue(kv)!.Select(n => new ResourceSpec { BindingName = n, Type = BindingTypes.KvNamespace })
            .Concat(parse.GetValue(d1)!.Select(n => new ResourceSpec { BindingName = n, Type = BindingTypes.D1 }))
            .Concat(parse.GetValue(r2)!.Select(n => new ResourceSpec { BindingName = n, Type = BindingTypes.R2Bucket }));

    public static IEnumerable<BindingSpec> Bindings(ParseResult parse, Option<string[]> vars, Option<string[]> secrets) =>
        parse.GetValue(vars)!.Select(v => Pair(v, "--var")).Select(p => new BindingSpec { Name = p.Name, Type = BindingTypes.PlainText, Text = p.Value })
            .Concat(parse.GetValue(secrets)!.Select(v => Pair(v, "--secret")).Select(p => new BindingSpec { Name = p.Name, Type = BindingTypes.SecretText, Text = p.Value }));
}

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

internal static class DeployCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = Options.Tenant();
        var modules = Options.Modules(required: true);
        var command = new Command("deploy", "Upload new code for the tenant's worker; every binding, secrets included, is kept.")
        {
            tenant, modules, Options.MainModule, Options.CompatibilityDate,
        };
        command.SetAction(parse => cli.SendAsync(parse, id => new DeployScript
        {
            CommandId = id,
            TenantId = parse.GetValue(tenant)!,
            Script = Options.Script(parse.GetValue(modules)!, parse.GetValue(Options.MainModule), parse.GetValue(Options.CompatibilityDate)),
        }, m => m.TenantId));
        return command;
    }
}

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

internal static class TenantsCommand
{
    public static Command Create(CliContext cli)
    {
        var state = new Option<string?>("--state") { Description = "Only tenants in this state (e.g. Active)." };
        var command = new Command("tenants", "List tenants with their state.") { state };
        command.SetAction(parse => cli.RunAsync(parse, async transport =>
        {
            var list = await transport.ListTenantsAsync(parse.GetValue(state), CancellationToken.None);
            cli.Output.WriteLine($"{"TENANT",-30} {"STATE",-22} {"NAMESPACE",-20} {"SCRIPT",-30} UPDATED");
            foreach (var t in list.Tenants)
            {
                cli.Output.WriteLine($"{t.TenantId,-30} {t.State,-22} {t.DispatchNamespace,-20} {t.ScriptName,-30} {t.UpdatedAt:u}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}

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

            await transport.SendAsync(new RetryCompensation { TenantId = tenantId }, MassTransit.NewId.NextGuid(), CancellationToken.None);
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
