namespace Strata.RateLimiting.Diagnostics;

/// <summary>
/// The busiest partitions of one limiter, in bounded memory: the Space-Saving algorithm (Metwally et al.) keeps
/// <see cref="Capacity"/> counters; a new partition arriving when all are taken replaces the smallest and inherits its
/// count as an error bound. Any partition with more than 1/<see cref="Capacity"/> of all decisions is guaranteed to be
/// present, and each count overestimates the truth by at most its <see cref="RateLimitPartitionUsage.MaxOvercount"/>.
/// </summary>
internal sealed class PartitionActivity
{
    public const int Capacity = 64;

    private readonly Dictionary<string, Counter> _counters = new(Capacity, StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Record(string partitionKey, bool acquired)
    {
        lock (_gate)
        {
            if (!_counters.TryGetValue(partitionKey, out var counter))
            {
                counter = new Counter();
                if (_counters.Count == Capacity)
                {
                    // O(Capacity) only when a new partition displaces one; steady traffic on known partitions is O(1).
                    var (victimKey, victim) = (string.Empty, (Counter?)null);
                    foreach (var (key, candidate) in _counters)
                    {
                        if (victim is null || candidate.Total < victim.Total)
                        {
                            (victimKey, victim) = (key, candidate);
                        }
                    }

                    _counters.Remove(victimKey);
                    counter.Error = victim!.Total;
                    counter.Total = victim.Total;
                }

                _counters[partitionKey] = counter;
            }

            counter.Total++;
            if (!acquired)
            {
                counter.Rejected++;
            }
        }
    }

    /// <summary>The busiest partitions, most decisions first.</summary>
    public IReadOnlyList<RateLimitPartitionUsage> Top(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        lock (_gate)
        {
            return _counters
                .OrderByDescending(static c => c.Value.Total)
                .ThenBy(static c => c.Key, StringComparer.Ordinal)
                .Take(max)
                .Select(static c => new RateLimitPartitionUsage(c.Key, c.Value.Total, c.Value.Rejected, c.Value.Error))
                .ToArray();
        }
    }

    private sealed class Counter
    {
        public long Total;
        public long Rejected;
        public long Error;
    }
}
