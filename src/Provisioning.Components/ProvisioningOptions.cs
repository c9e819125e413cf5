using System.ComponentModel.DataAnnotations;

namespace Provisioning.Components;

public sealed class ProvisioningOptions
{
    public const string SectionName = "Provisioning";

    /// <summary>
    /// Largest accepted script (sum of the modules' UTF-8 sizes). Cloudflare's own limit is 10 MB after gzip on paid
    /// plans (3 MB free, error 10027); refusing larger input here fails fast, before any resource is created.
    /// </summary>
    [Range(1, 100 * 1024 * 1024)]
    public int MaxScriptSizeBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Dispatch namespace of a ProvisionTenant that names none; created when missing.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")]
    public string DefaultDispatchNamespace { get; set; } = "wfp-tenants";

    /// <summary>
    /// How long a dispatch namespace found or created by this replica counts as existing: within it, a provision's
    /// CreateResources step makes no namespace call (one call fewer per tenant; an upload that finds the
    /// namespace gone creates it again). Zero checks every time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan DispatchNamespaceRecheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Workers compatibility date of a script whose command gives none.</summary>
    [Required]
    [RegularExpression(@"^\d{4}-\d{2}-\d{2}$")]
    public string DefaultCompatibilityDate { get; set; } = "2025-11-01";

    /// <summary>How long a command for a tenant that does not exist waits for its ProvisionTenant before it is rejected.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan UnknownTenantGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the parked-command sweeper looks for commands whose grace has ended.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ParkedCommandSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An operation with no progress for this long gets its current step sent again, and a command queued this long
    /// ago is announced to its saga again. A last resort: steps and outcomes go through the outbox, so a crash between
    /// a commit and its publish is recovered by the outbox relay within seconds; this covers a message lost after it
    /// was published (a purged queue, a step consumer that dropped it). Far above the longest step (client timeouts
    /// and retries included), so a slow step is not run twice.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan StalledOperationTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a step that waits for the Cloudflare API budget (past the client's 1 s threshold) refreshes its
    /// heartbeat on the saga row: one UPDATE per interval per waiting step. The stalled-work sweep treats an operation
    /// whose heartbeat is younger than two intervals as alive, so a long wait is not sent again; a replica that died
    /// waiting stops refreshing, and its operation is resumed once the heartbeat is stale and the timeout has passed,
    /// whichever comes later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BudgetWaitHeartbeatInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most rows one sweeper query reads; a sweep reads batch after batch, never a whole table.</summary>
    [Range(1, 10_000)]
    public int SweepBatchSize { get; set; } = 100;

    /// <summary>
    /// In-process re-runs of a step after a transient error other than a Cloudflare outage (a database conflict), before
    /// the step reports a failure. Outages are waited out under <c>Cloudflare:OutagePatience</c> instead (StepPatience).
    /// </summary>
    [Range(0, 10)]
    public int StepRetryLimit { get; set; } = 3;

    /// <summary>
    /// Steps one replica runs at once (the tenant-step queue's concurrent message limit and prefetch). Steps mostly wait
    /// for Cloudflare, so this, not the CPU, bounds a replica's throughput: with 200 ms per call, 16 steps at a time
    /// allow about 80 calls per second. A tenant still runs one step at a time (the saga sends the next step only after
    /// the previous result), and the request budget paces the calls whatever this is.
    /// </summary>
    [Range(1, 1000)]
    public int StepConcurrency { get; set; } = 64;

    /// <summary>Wait before each step re-run; grows linearly (1x, 2x, 3x ...).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan StepRetryInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Timeline entries kept per tenant (TenantEvents): older ones are deleted when the tenant's next command starts.
    /// A provision with three resources and a script writes about 7.
    /// </summary>
    [Range(10, 1_000_000)]
    public int TimelineEventsPerTenant { get; set; } = 1000;
}
