namespace Strata.Resp.Cluster;

/// <summary>
/// Which primary owns each of the 16384 slots. Immutable: a change builds a new map that replaces the old one
/// atomically, so a router reads it without a lock. With reads from replicas it also keeps each slot's healthy
/// replicas (one array per shard, shared by its slots); without, that table is not even allocated.
/// </summary>
internal sealed class SlotMap
{
    private readonly ClusterNode?[] _owners;
    private readonly ClusterNode[]?[]? _replicas;

    private SlotMap(ClusterNode?[] owners, ClusterNode[]?[]? replicas)
    {
        _owners = owners;
        _replicas = replicas;
        var primaries = new List<ClusterNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            if (owner is null)
            {
                continue;
            }

            CoveredSlots++;

            // In slot order, so the first primary (the owner of the lowest slot) is a stable default.
            if (seen.Add(owner.EndPoint))
            {
                primaries.Add(owner);
            }
        }

        Primaries = primaries;
    }

    /// <summary>Every primary that owns at least one slot, in order of their lowest slot.</summary>
    public IReadOnlyList<ClusterNode> Primaries { get; }

    /// <summary>Where keyless commands go: the owner of the lowest slot, or null for an empty map.</summary>
    public ClusterNode? DefaultNode => Primaries.Count > 0 ? Primaries[0] : null;

    /// <summary>How many slots have an owner (16384 in a healthy cluster).</summary>
    public int CoveredSlots { get; }

    /// <param name="shards">The parsed topology.</param>
    /// <param name="keepReplicas">Whether to keep each slot's replicas (<see cref="RespReadFrom.PreferReplica"/>).</param>
    public static SlotMap Build(IEnumerable<ClusterShard> shards, bool keepReplicas = false)
    {
        var owners = new ClusterNode?[HashSlot.SlotCount];
        var replicas = keepReplicas ? new ClusterNode[]?[HashSlot.SlotCount] : null;
        var nodes = new Dictionary<string, ClusterNode>(StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            if (shard.Primary is not { } primary)
            {
                continue;
            }

            // One instance per endpoint, so a map compares nodes by reference.
            if (!nodes.TryGetValue(primary.EndPoint, out var node))
            {
                nodes[primary.EndPoint] = node = primary;
            }

            ClusterNode[]? shardReplicas = null;
            if (replicas is not null && shard.Replicas.Count > 0)
            {
                shardReplicas = new ClusterNode[shard.Replicas.Count];
                for (var i = 0; i < shardReplicas.Length; i++)
                {
                    var replica = shard.Replicas[i];
                    if (!nodes.TryGetValue(replica.EndPoint, out var existing))
                    {
                        nodes[replica.EndPoint] = existing = replica;
                    }

                    shardReplicas[i] = existing;
                }
            }

            foreach (var (start, end) in shard.Ranges)
            {
                for (var slot = start; slot <= end; slot++)
                {
                    owners[slot] = node;
                    if (replicas is not null)
                    {
                        replicas[slot] = shardReplicas;
                    }
                }
            }
        }

        return new SlotMap(owners, replicas);
    }

    public ClusterNode? PrimaryOf(int slot) => _owners[slot];

    /// <summary>The healthy replicas of a slot's primary (empty when none are known or replicas are not kept).</summary>
    public ReadOnlySpan<ClusterNode> ReplicasOf(int slot) => _replicas?[slot];

    /// <summary>Whether this replica endpoint serves any slot of the map.</summary>
    public bool HasReplica(string endPoint)
    {
        if (_replicas is null)
        {
            return false;
        }

        ClusterNode[]? previous = null;
        foreach (var replicas in _replicas)
        {
            if (replicas is null || ReferenceEquals(replicas, previous))
            {
                continue;
            }

            previous = replicas;
            foreach (var replica in replicas)
            {
                if (replica.EndPoint == endPoint)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A copy with one slot's owner changed (after <c>MOVED</c>).</summary>
    public SlotMap WithOwner(int slot, ClusterNode owner)
    {
        var owners = (ClusterNode?[])_owners.Clone();
        foreach (var existing in Primaries)
        {
            if (existing.EndPoint == owner.EndPoint)
            {
                owner = existing;
                break;
            }
        }

        owners[slot] = owner;
        ClusterNode[]?[]? replicas = null;
        if (_replicas is not null)
        {
            // The old owner's replicas no longer serve the slot; the new owner's are learned at the next reload.
            replicas = (ClusterNode[]?[])_replicas.Clone();
            replicas[slot] = null;
        }

        return new SlotMap(owners, replicas);
    }

    /// <summary>Whether every slot has the same owner (by endpoint) in both maps: no failover or slot move between them.</summary>
    public bool HasSameOwners(SlotMap other)
    {
        for (var slot = 0; slot < _owners.Length; slot++)
        {
            var mine = _owners[slot];
            var theirs = other._owners[slot];
            if (!ReferenceEquals(mine, theirs) && mine?.EndPoint != theirs?.EndPoint)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The primary with this endpoint, if the map has one.</summary>
    public ClusterNode? Find(string endPoint)
    {
        foreach (var primary in Primaries)
        {
            if (primary.EndPoint == endPoint)
            {
                return primary;
            }
        }

        return null;
    }
}
