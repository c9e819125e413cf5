using System.Runtime.CompilerServices;

namespace Provisioning.Components.Maintenance;

public static class BatchedQuery
{
    /// <summary>
    /// Reads an ordered query page by page (LIMIT/OFFSET), holding one page in memory at a time. Rows that change
    /// between pages may be skipped or read twice: fine for sweeps, which are idempotent and run again on the next tick.
    /// </summary>
    public static async IAsyncEnumerable<T> InBatchesAsync<T>(this IOrderedQueryable<T> query, int batchSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (var offset = 0; ; offset += batchSize)
        {
            var batch = await query.Skip(offset).Take(batchSize).ToListAsync(cancellationToken);
            foreach (var item in batch)
            {
                yield return item;
            }

            if (batch.Count < batchSize)
            {
                yield break;
            }
        }
    }
}
