using System.CommandLine;

namespace Provisioning.Cli.Commands;

internal static class TenantsCommand
{
    public static Command Create(CliContext context)
    {
        var state = new Option<string?>("--state") { Description = "Only tenants in this state (e.g. Active)." };
        var command = new Command("tenants", "List tenants with their state.") { state };
        command.SetAction(parse => context.RunAsync(parse, async (transport, cli) =>
        {
            var list = await transport.ListTenantsAsync(parse.GetValue(state), CancellationToken.None);
            if (cli.Json)
            {
                cli.WriteJson(list);
                return ExitCodes.Success;
            }

            cli.Output.WriteLine($"{"TENANT",-30} {"STATE",-22} {"NAMESPACE",-20} {"SCRIPT",-30} UPDATED");
            foreach (var t in list.Tenants)
            {
                cli.Output.WriteLine($"{t.TenantId,-30} {t.State,-22} {t.DispatchNamespace,-20} {t.ScriptName,-30} {t.UpdatedAt:u}");
            }

            if (list.Budget is { } budget)
            {
                cli.Output.WriteLine(FleetBudgetPrinter.Describe(budget, DateTime.UtcNow));
            }

            var waiting = list.Tenants.Where(t => t.BudgetWaitSince is not null).ToList();
            if (waiting.Count > 0)
            {
                cli.Output.WriteLine($"{waiting.Count} waiting for Cloudflare API budget: " +
                                     string.Join(", ", waiting.Select(t => $"{t.TenantId} (since {t.BudgetWaitSince:HH:mm:ss} UTC)")));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
