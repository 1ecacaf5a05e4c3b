using System.Collections.Concurrent;

namespace Strata.RateLimiting.AspNetCore.Outgoing;

/// <summary>
/// Per-partition "send nothing before" instants set from upstream hints, as <see cref="TimeProvider"/> timestamps so
/// wall-clock adjustments cannot shorten or stretch them.
/// </summary>
internal sealed class PartitionHolds(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, long> _until = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="partition"/> is still held; zero when it is free.</summary>
    public TimeSpan Remaining(string partition)
    {
        if (!_until.TryGetValue(partition, out var until))
        {
            return TimeSpan.Zero;
        }

        var remaining = timeProvider.GetElapsedTime(timeProvider.GetTimestamp(), until);
        if (remaining > TimeSpan.Zero)
        {
            return remaining;
        }

        // Expired: forget it (only if nobody extended it meanwhile), so the map holds live partitions only.
        _until.TryRemove(new KeyValuePair<string, long>(partition, until));
        return TimeSpan.Zero;
    }

    /// <summary>Holds <paramref name="partition"/> for <paramref name="duration"/> from now, never shortening a longer hold.</summary>
    public void Extend(string partition, TimeSpan duration)
    {
        var until = timeProvider.GetTimestamp() + ToTimestampTicks(duration);
        _until.AddOrUpdate(partition, static (_, candidate) => candidate, static (_, existing, candidate) => Math.Max(existing, candidate), until);
    }

    private long ToTimestampTicks(TimeSpan duration) =>
        (long)(duration.Ticks * ((double)timeProvider.TimestampFrequency / TimeSpan.TicksPerSecond));
}
