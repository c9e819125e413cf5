using System.Collections.Concurrent;
using System.Globalization;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.CloudflareEmulator.Api;

internal sealed class OperationCounters
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, long>> _counts = new(StringComparer.Ordinal);

    public void Record(string operation, int status) =>
        _counts.GetOrAdd(operation, _ => new ConcurrentDictionary<int, long>())
            .AddOrUpdate(status, 1, (_, n) => n + 1);

    public void Reset() => _counts.Clear();

    public Dictionary<string, OperationCount> Snapshot() =>
        _counts.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(
            p => p.Key,
            p =>
            {
                var byStatus = p.Value.OrderBy(s => s.Key)
                    .ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value);
                return new OperationCount(byStatus.Values.Sum(), byStatus);
            },
            StringComparer.Ordinal);
}
