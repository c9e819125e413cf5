using System.Globalization;
using Provisioning.Contracts;

namespace Provisioning.Cli;

/// <summary>Writes a <see cref="FleetBudget"/> as one line for people (<c>wfp tenants</c>).</summary>
public static class FleetBudgetPrinter
{
    /// <summary>
    /// "Cloudflare API budget: 1200 requests per 5 min, shared by the fleet; 11.5 of 12 tokens left; paused by a 429
    /// until 05:12:03 UTC (42 s); 2 tenants waiting for budget".
    /// </summary>
    public static string Describe(FleetBudget budget, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var scope = budget.Shared ? "shared by the fleet" : "this replica's (single node)";
        var paused = budget.PausedUntil is { } until
            ? string.Create(CultureInfo.InvariantCulture, $"paused by a 429 until {until:HH:mm:ss} UTC ({Math.Max(0, (until - now).TotalSeconds):0} s)")
            : "not paused";
        var waiting = budget.TenantsWaiting == 1 ? "1 tenant" : $"{budget.TenantsWaiting} tenants";
        return string.Create(CultureInfo.InvariantCulture,
            $"Cloudflare API budget: {budget.RequestBudget} requests per {Window(budget.RequestBudgetWindow)}, {scope}; {budget.TokensLeft:0.#} of {budget.Burst} tokens left; {paused}; {waiting} waiting for budget");
    }

    static string Window(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.Ticks % TimeSpan.TicksPerMinute == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalMinutes:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{window.TotalSeconds:0.###} s");
}
