using System.ComponentModel.DataAnnotations;

namespace Provisioning.Components.Outbox;

public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>
    /// How often the relay looks for rows nobody woke it for: rows left by a replica that died between its commit and
    /// its publish. A commit in this process wakes the relay at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most rows one claim takes (and one query reads).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Passes one relay runs side by side: while one publishes its batch, the next commit's rows are claimed by another
    /// instead of waiting for it. Claims never overlap (the lease, as between replicas), so each row is still published once.
    /// </summary>
    [Range(1, 64)]
    public int ConcurrentPasses { get; set; } = 4;

    /// <summary>
    /// How long a claim keeps other replicas off its rows. A relay that dies mid-batch delays those rows by this much;
    /// far above the time to publish one batch, so a live relay is never overtaken.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The lease a replica's rows get from their own INSERT, so its relay publishes them without claiming them first. A
    /// replica that dies between its commit and its publish delays those rows by this much (then any replica's poll
    /// claims them); one that publishes slower than this lets another replica publish them too (delivery is at least once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan HandoffLease { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long dispatched rows stay in the table for diagnosis before the relay deletes them.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);
}
