using System.Collections.Concurrent;

namespace Provisioning.Components.Outbox;

/// <summary>
/// Rows this process has just committed, claimed by their own INSERT (<see cref="OutboxWriter"/> writes the lease
/// columns), handed to this process's relay so it publishes them without the claim UPDATE and the read-back of a poll.
/// One entry per commit, in commit order. Nothing here is durable: a row whose process dies before it is published stays
/// in the table with a lease of <c>Outbox:HandoffLease</c>, after which any replica's poll claims it as a crashed one's.
/// </summary>
public sealed class OutboxHandoff
{
    readonly ConcurrentQueue<IReadOnlyList<OutboxMessage>> _commits = new();

    public void Add(IReadOnlyList<OutboxMessage> committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        if (committed.Count > 0)
        {
            _commits.Enqueue(committed);
        }
    }

    /// <summary>Whole commits, oldest first, until at least <paramref name="most"/> rows (a commit is never split).</summary>
    public List<OutboxMessage> Take(int most)
    {
        var rows = new List<OutboxMessage>();
        while (rows.Count < most && _commits.TryDequeue(out var commit))
        {
            rows.AddRange(commit);
        }

        return rows;
    }
}
