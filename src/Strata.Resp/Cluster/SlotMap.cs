namespace Strata.Resp.Cluster;

/// <summary>
/// Which primary owns each of the 16384 slots. Immutable: a change builds a new map that replaces the old one
/// atomically, so a router reads it without a lock.
/// </summary>
internal sealed class SlotMap
{
    private readonly ClusterNode?[] _owners;

    private SlotMap(ClusterNode?[] owners)
    {
        _owners = owners;
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

    public static SlotMap Build(IEnumerable<ClusterShard> shards)
    {
        var owners = new ClusterNode?[HashSlot.SlotCount];
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

            foreach (var (start, end) in shard.Ranges)
            {
                for (var slot = start; slot <= end; slot++)
                {
                    owners[slot] = node;
                }
            }
        }

        return new SlotMap(owners);
    }

    public ClusterNode? PrimaryOf(int slot) => _owners[slot];

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
        return new SlotMap(owners);
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
