using System.Globalization;

namespace Strata.Testing;

/// <summary>One line of <c>CLUSTER NODES</c>: <c>id ip:port@bus flags primary-id ping pong epoch link slot...</c>.</summary>
internal sealed record RedisClusterViewEntry(string NodeId, int Port, IReadOnlyList<string> Flags, string? PrimaryId, IReadOnlyList<(int First, int Last)> Slots)
{
    public bool IsPrimary => Flags.Contains("master");

    public bool IsReplica => Flags.Contains("slave");

    /// <summary>Flagged <c>fail</c> (or <c>fail?</c>, <c>handshake</c>, <c>noaddr</c>) by the node whose view this is.</summary>
    public bool IsUnhealthy => Flags.Any(f => f is "fail" or "fail?" or "handshake" or "noaddr");

    public bool IsFailed => Flags.Contains("fail");

    public int SlotCount => Slots.Sum(s => s.Last - s.First + 1);

    public bool Owns(int slot) => Slots.Any(s => slot >= s.First && slot <= s.Last);

    public static IReadOnlyList<RedisClusterViewEntry> Parse(string clusterNodes)
    {
        var entries = new List<RedisClusterViewEntry>();
        foreach (var line in clusterNodes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8)
            {
                continue;
            }

            var address = fields[1].Split('@')[0];
            var port = int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            var slots = new List<(int, int)>();
            // Entries like "[5->-id]" / "[5-<-id]" are migration states, not ownership.
            foreach (var range in fields.Skip(8).Where(f => !f.StartsWith('[')))
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                slots.Add(dash < 0
                    ? (int.Parse(range, CultureInfo.InvariantCulture), int.Parse(range, CultureInfo.InvariantCulture))
                    : (int.Parse(range[..dash], CultureInfo.InvariantCulture), int.Parse(range[(dash + 1)..], CultureInfo.InvariantCulture)));
            }

            entries.Add(new RedisClusterViewEntry(
                fields[0], port, fields[2].Split(','), fields[3] == "-" ? null : fields[3], slots));
        }

        return entries;
    }
}
