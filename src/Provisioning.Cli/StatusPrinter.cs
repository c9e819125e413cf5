using System.Globalization;
using Provisioning.Contracts;

namespace Provisioning.Cli;

/// <summary>Writes a <see cref="TenantStatus"/> for people.</summary>
public static class StatusPrinter
{
    public const string CompensationFailed = "CompensationFailed";

    public static void Print(TenantStatus status, TextWriter output, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"Tenant {status.TenantId}: {status.State}");
        output.WriteLine($"  dispatch namespace: {status.DispatchNamespace ?? "-"}   script: {status.ScriptName ?? "-"}");
        if (status.State == CompensationFailed)
        {
            // The operation is over; only its undo waits for an operator.
            output.WriteLine($"  failed: {status.CurrentOperation} {status.CurrentCommandId}; undoing it failed too, so resources may be left behind");
            output.WriteLine($"  retry the undo once the cause is fixed: wfp retry-compensation {status.TenantId}");
        }
        else if (status.CurrentOperation is not null)
        {
            output.WriteLine($"  running: {status.CurrentOperation} ({status.CurrentCommandId})");
            if (BudgetWait(status, now) is { } wait)
            {
                output.WriteLine($"  {wait}");
            }
        }

        if (status.FailureReason is not null)
        {
            output.WriteLine($"  last failure: {status.FailureReason}");
        }

        output.WriteLine("  bindings:");
        foreach (var binding in status.Bindings)
        {
            output.WriteLine($"    {binding.Name,-20} {binding.Type,-14} {binding.ResourceName}");
        }

        output.WriteLine("  resources:");
        foreach (var resource in status.Resources)
        {
            output.WriteLine($"    {resource.Type,-14} {resource.Name,-40} {resource.CloudflareId} {resource.State}");
        }

        output.WriteLine("  recent commands:");
        foreach (var command in status.RecentCommands)
        {
            output.WriteLine($"    {command.ReceivedAt:u} {command.CommandType,-18} {command.Status,-10} {command.OutcomeType} {command.CommandId}");
        }
    }

    /// <summary>"waiting for Cloudflare API budget since 05:12:03 UTC (14 s; priority foreground)", or null when the step does not wait.</summary>
    public static string? BudgetWait(TenantStatus status, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.BudgetWaitSince is not { } since)
        {
            return null;
        }

        var waited = Math.Max(0, (now - since).TotalSeconds);
        var priority = status.BudgetWaitPriority?.ToLowerInvariant() ?? "unknown";
        return string.Create(CultureInfo.InvariantCulture, $"waiting for Cloudflare API budget since {since:HH:mm:ss} UTC ({waited:0} s; priority {priority})");
    }
}
