using System.ComponentModel.DataAnnotations;

namespace Provisioning.Components.Reconciliation;

/// <summary>The scheduled reconciliation (section "Reconciliation"); <c>wfp reconcile</c> runs one on demand whatever these say.</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    /// <summary>
    /// Time between scheduled runs; <c>00:00:00</c> turns the schedule off. Default 6 hours: a run lists every KV
    /// namespace, D1 database and R2 bucket and reads each Active tenant's bindings (one request per tenant), as
    /// background work that customer-facing work overtakes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Whether scheduled runs repair (delete orphans, restore drifted bindings) or only report. Off by default.</summary>
    public bool Fix { get; set; }
}
