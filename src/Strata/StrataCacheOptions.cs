using System.Text.Json;

namespace Strata;

/// <summary>Options of the Strata cache engine. Validated when the cache is built.</summary>
public sealed class StrataCacheOptions
{
    /// <summary>The application prefix of every full key, <c>{prefix}:{namespace}:{key}</c>. Letters, digits,
    /// <c>_ . -</c>; at most 64 characters. Default <c>strata</c>.</summary>
    public string KeyPrefix { get; set; } = "strata";

    /// <summary>The namespace of the root cache (the one <c>HybridCache</c> resolves to). Default <c>default</c>.</summary>
    public string DefaultNamespace { get; set; } = "default";

    /// <summary>Full keys longer than this many UTF-8 bytes are shortened to a stable hash suffix. At least the prefix
    /// length + 99 (a 64-character namespace and the 33-character hash suffix). Default 256.</summary>
    public int MaximumKeyBytes { get; set; } = 256;

    /// <summary>The largest serialized value the cache stores; bigger values are rejected (SetAsync throws) or, from a
    /// factory, returned but not stored. Default 1 MiB.</summary>
    public int MaximumPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>The L1 (memory) budget in bytes, estimated from serialized sizes. Default 64 MiB.</summary>
    public long L1MaximumBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Payloads at least this large are compressed (Brotli, fastest level) in L2 when that makes them
    /// smaller. Zero disables compression. Default 1024.</summary>
    public int CompressionThresholdBytes { get; set; } = 1024;

    /// <summary>Entry options used where a call's own options leave a setting unset. Default: 5 minutes fresh, no
    /// fail-safe, no stale-while-revalidate, no early refresh, no timeouts.</summary>
    public StrataEntryOptions DefaultEntryOptions { get; set; } = new() { Duration = TimeSpan.FromMinutes(5) };

    /// <summary>An L2 operation slower than this counts as a failure and the read continues without L2. Default 1 s.</summary>
    public TimeSpan DistributedTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When true an L2 failure on a write (SetAsync, RemoveAsync, RemoveByTagAsync, ClearAsync) is thrown to
    /// the caller after L1 was updated; reads never throw for L2. Default false.</summary>
    public bool ThrowOnDistributedWriteErrors { get; set; }

    /// <summary>Consecutive L2 failures that open the circuit breaker. Default 5.</summary>
    public int BreakerFailureThreshold { get; set; } = 5;

    /// <summary>How long the breaker stays open before one probe is let through. Default 10 s.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Keys written or removed while L2 was unreachable that are remembered to be repaired on recovery; past
    /// it, whole namespaces are invalidated instead. Default 10,000.</summary>
    public int RepairJournalCapacity { get; set; } = 10_000;

    /// <summary>How long a tag or namespace invalidation stamp is kept in L2: at least the longest entry lifetime
    /// it could affect. Default 7 days.</summary>
    public TimeSpan InvalidationRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>When set, and the L2 tier supports leases (<see cref="IDistributedLeaseTier"/>), a node that misses a key
    /// takes a lease of this length before running the factory; other nodes that miss it meanwhile wait for the value
    /// to appear in L2 instead of running their own factory (one computation per key for the whole cluster). Set it
    /// above the factory's usual duration: a holder that dies or hangs is taken over when its lease ends. Default
    /// null (off: each node computes on its own miss).</summary>
    public TimeSpan? DistributedLeaseDuration { get; set; }

    /// <summary>The longest a node waits for another node's lease before running the factory itself. Default null:
    /// <see cref="DistributedLeaseDuration"/>.</summary>
    public TimeSpan? DistributedLeaseWait { get; set; }

    /// <summary>The hit ratio (L1 + L2 hits over reads) under which the health check reports Degraded. Default 0.7.</summary>
    public double HealthyHitRatio { get; set; } = 0.7;

    /// <summary>Reads needed before the hit ratio counts for health. Default 100.</summary>
    public int HealthMinimumReads { get; set; } = 100;

    /// <summary>The System.Text.Json options of the default serializer (set a source-generated
    /// <c>TypeInfoResolver</c> here for trimming and speed). Default: <see cref="JsonSerializerOptions.Default"/>'s
    /// settings with web naming.</summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Keys.CacheKeyFormatter.ValidateName(KeyPrefix, "prefix", nameof(KeyPrefix));
        Keys.CacheKeyFormatter.ValidateName(DefaultNamespace, "namespace", nameof(DefaultNamespace));
        var minimumKeyBytes = Keys.CacheKeyFormatter.GetMinimumMaxKeyBytes(KeyPrefix);
        Check(MaximumKeyBytes >= minimumKeyBytes, nameof(MaximumKeyBytes), $"must be at least {minimumKeyBytes} for the prefix '{KeyPrefix}' (room for a namespace and the hash suffix), was {MaximumKeyBytes}");
        Check(MaximumPayloadBytes > 0, nameof(MaximumPayloadBytes), $"must be positive, was {MaximumPayloadBytes}");
        Check(L1MaximumBytes > 0, nameof(L1MaximumBytes), $"must be positive, was {L1MaximumBytes}");
        Check(CompressionThresholdBytes >= 0, nameof(CompressionThresholdBytes), $"must not be negative, was {CompressionThresholdBytes}");
        Check(DistributedTimeout > TimeSpan.Zero, nameof(DistributedTimeout), $"must be positive, was {DistributedTimeout}");
        Check(BreakerFailureThreshold > 0, nameof(BreakerFailureThreshold), $"must be positive, was {BreakerFailureThreshold}");
        Check(BreakerBreakDuration > TimeSpan.Zero, nameof(BreakerBreakDuration), $"must be positive, was {BreakerBreakDuration}");
        Check(RepairJournalCapacity > 0, nameof(RepairJournalCapacity), $"must be positive, was {RepairJournalCapacity}");
        Check(InvalidationRetention > TimeSpan.Zero, nameof(InvalidationRetention), $"must be positive, was {InvalidationRetention}");
        Check(DistributedLeaseDuration is null || DistributedLeaseDuration > TimeSpan.Zero, nameof(DistributedLeaseDuration), $"must be positive when set, was {DistributedLeaseDuration}");
        Check(DistributedLeaseWait is null || DistributedLeaseWait >= TimeSpan.Zero, nameof(DistributedLeaseWait), $"must not be negative, was {DistributedLeaseWait}");
        Check(HealthyHitRatio is >= 0 and <= 1, nameof(HealthyHitRatio), $"must be between 0 and 1, was {HealthyHitRatio}");
        Check(HealthMinimumReads >= 0, nameof(HealthMinimumReads), $"must not be negative, was {HealthMinimumReads}");
        ArgumentNullException.ThrowIfNull(DefaultEntryOptions, nameof(DefaultEntryOptions));
        DefaultEntryOptions.Validate(nameof(DefaultEntryOptions));
        Check(DefaultEntryOptions.Duration is not null, nameof(DefaultEntryOptions), "must set Duration");
    }

    private static void Check(bool condition, string property, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"StrataCacheOptions.{property} {message}.", property);
        }
    }
}
