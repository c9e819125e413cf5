using System.CommandLine;
using Provisioning.Contracts;

namespace Provisioning.Cli.Commands;

/// <summary>
/// `wfp reconcile [--fix]`: the worker compares its records with Cloudflare and answers a report. Exit 0 when nothing
/// is left to look at (no finding, or with --fix every orphan deleted and every drift sent to be restored), 1 otherwise.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create(CliContext context)
    {
        var fix = new Option<bool>("--fix")
        {
            Description = "Delete orphans (ours by ledger or naming, used by no live tenant) and restore drifted bindings through the saga; never anything else.",
        };
        var command = new Command("reconcile", "Compare the ledger and tenants with what Cloudflare holds: orphans, missing resources, binding drift.") { fix };
        command.SetAction(parse => context.RunAsync(parse, async (transport, cli) =>
        {
            cli.Error.WriteLine($"Reconciling{(parse.GetValue(fix) ? " and fixing" : "")} through {transport.Description} (a large account takes minutes)...");
            var report = await transport.ReconcileAsync(parse.GetValue(fix), CancellationToken.None);
            if (cli.Json)
            {
                cli.WriteJson(report);
            }
            else
            {
                Print(report, cli.Output);
            }

            return report.Findings.All(Settled) ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return command;
    }

    /// <summary>A finding the run dealt with: an orphan deleted (or found gone) or a drift sent to be restored.</summary>
    static bool Settled(ReconciliationFinding finding) =>
        finding.Action is "deleted" or "already gone" || finding.Action.StartsWith("restore-sent", StringComparison.Ordinal);

    static void Print(ReconciliationReport report, TextWriter output)
    {
        output.WriteLine($"{report.Tenants} tenants, {report.CloudflareResources} Cloudflare resources, {report.Findings.Count} findings "
            + $"({(report.FinishedAt - report.StartedAt).TotalSeconds:0.0} s{(report.Fix ? ", fix" : ", report only")})");
        foreach (var group in report.Findings.GroupBy(x => x.Kind))
        {
            output.WriteLine($"{group.Key}:");
            foreach (var finding in group)
            {
                var tenant = finding.TenantId is null ? "" : $" (tenant {finding.TenantId})";
                output.WriteLine($"  {finding.ResourceType} {finding.Name}{tenant}: {finding.Detail} [{finding.Action}]");
            }
        }
    }
}
