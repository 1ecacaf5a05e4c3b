namespace Strata.Resp.Cluster;

/// <summary>
/// Reads <c>CLUSTER SHARDS</c> (Redis 7.0+) and <c>CLUSTER SLOTS</c> replies into shards, applying the spec's
/// endpoint rules: an empty host means "the address you reached the answering node at"; <c>?</c> (unknown
/// endpoint) falls back to the node's <c>ip</c>, then to that same address.
/// </summary>
internal static class TopologyParser
{
    /// <summary>Parses <c>CLUSTER SHARDS</c>: an array of maps (RESP3) or flat key/value arrays (RESP2).</summary>
    /// <param name="reply">The reply.</param>
    /// <param name="reachedHost">The host the client used for the node that answered.</param>
    /// <param name="useTls">Whether to connect to <c>tls-port</c> when a node reports one.</param>
    /// <exception cref="RespProtocolException">The reply does not have the documented shape.</exception>
    public static List<ClusterShard> ParseShards(RespValue reply, string reachedHost, bool useTls)
    {
        var shards = new List<ClusterShard>();
        foreach (var shard in reply.Items)
        {
            var ranges = new List<(int, int)>();
            ClusterNode? primary = null;
            var replicas = new List<ClusterNode>();
            var fields = shard.Items;
            for (var i = 0; i + 1 < fields.Count; i += 2)
            {
                switch (fields[i].ToString())
                {
                    case "slots":
                        var bounds = fields[i + 1].Items;
                        for (var b = 0; b + 1 < bounds.Count; b += 2)
                        {
                            ranges.Add((CheckSlot(bounds[b].AsInt64()), CheckSlot(bounds[b + 1].AsInt64())));
                        }

                        break;
                    case "nodes":
                        foreach (var node in fields[i + 1].Items)
                        {
                            var (parsed, role, health) = ParseShardNode(node, reachedHost, useTls);
                            if (role == "master" && primary is null)
                            {
                                primary = parsed;
                            }
                            else if (role != "master" && health != "fail")
                            {
                                // "loading" is kept: Redis reports it for any replica whose offset the cluster bus has not
                                // yet seen move (a fresh cluster), and a replica really loading answers LOADING, which
                                // sends the read to the primary.
                                replicas.Add(parsed);
                            }
                        }

                        break;
                    default:
                        break;
                }
            }

            shards.Add(new ClusterShard(ranges, primary, replicas));
        }

        return shards;
    }

    /// <summary>
    /// Parses <c>CLUSTER SLOTS</c>: <c>[start, end, [host, port, id, {metadata}], replicas...]</c> per range.
    /// </summary>
    /// <exception cref="RespProtocolException">The reply does not have the documented shape.</exception>
    public static List<ClusterShard> ParseSlots(RespValue reply, string reachedHost)
    {
        var shards = new List<ClusterShard>();
        foreach (var entry in reply.Items)
        {
            var items = entry.Items;
            if (items.Count < 3)
            {
                throw new RespProtocolException($"A CLUSTER SLOTS entry has {items.Count} element(s); at least 3 were expected.");
            }

            var range = (CheckSlot(items[0].AsInt64()), CheckSlot(items[1].AsInt64()));
            var replicas = new List<ClusterNode>();
            for (var i = 3; i < items.Count; i++)
            {
                replicas.Add(ParseSlotsNode(items[i], reachedHost));
            }

            shards.Add(new ClusterShard([range], ParseSlotsNode(items[2], reachedHost), replicas));
        }

        return shards;
    }

    /// <summary>The host to connect to, from the announced endpoint and ip.</summary>
    public static string ResolveHost(string? endpoint, string? ip, string reachedHost)
    {
        if (!string.IsNullOrEmpty(endpoint) && endpoint != "?")
        {
            return endpoint;
        }

        if (endpoint == "?" && !string.IsNullOrEmpty(ip) && ip != "?")
        {
            return ip;
        }

        return reachedHost;
    }

    private static (ClusterNode Node, string? Role, string? Health) ParseShardNode(RespValue node, string reachedHost, bool useTls)
    {
        string? id = null, endpoint = null, ip = null, role = null, health = null;
        long port = 0, tlsPort = 0;
        var fields = node.Items;
        for (var i = 0; i + 1 < fields.Count; i += 2)
        {
            var value = fields[i + 1];
            switch (fields[i].ToString())
            {
                case "id":
                    id = value.AsString();
                    break;
                case "endpoint":
                    endpoint = value.AsString();
                    break;
                case "ip":
                    ip = value.AsString();
                    break;
                case "port":
                    port = value.AsInt64();
                    break;
                case "tls-port":
                    tlsPort = value.AsInt64();
                    break;
                case "role":
                    role = value.AsString();
                    break;
                case "health":
                    health = value.AsString();
                    break;
                default:
                    break;
            }
        }

        var chosen = useTls && tlsPort > 0 ? tlsPort : port;
        if (chosen is < 1 or > 65535)
        {
            throw new RespProtocolException($"CLUSTER SHARDS reported node {id} with port {chosen}.");
        }

        // Redis 7.0 reports "?" as the endpoint when it does not know one yet; the ip field still does.
        return (new ClusterNode(ResolveHost(endpoint, ip, reachedHost), (int)chosen, id), role, health);
    }

    private static ClusterNode ParseSlotsNode(RespValue node, string reachedHost)
    {
        var items = node.Items;
        if (items.Count < 2)
        {
            throw new RespProtocolException($"A CLUSTER SLOTS node has {items.Count} element(s); at least host and port were expected.");
        }

        var host = items[0].AsString();
        var port = items[1].AsInt64();
        var id = items.Count > 2 ? items[2].AsString() : null;
        string? ip = null;
        if (items.Count > 3)
        {
            var metadata = items[3].Items;
            for (var i = 0; i + 1 < metadata.Count; i += 2)
            {
                if (metadata[i].ToString() == "ip")
                {
                    ip = metadata[i + 1].AsString();
                }
            }
        }

        if (port is < 1 or > 65535)
        {
            throw new RespProtocolException($"CLUSTER SLOTS reported node {id} with port {port}.");
        }

        return new ClusterNode(ResolveHost(host, ip, reachedHost), (int)port, id);
    }

    private static int CheckSlot(long slot) =>
        slot is >= 0 and < HashSlot.SlotCount ? (int)slot : throw new RespProtocolException($"The topology reported slot {slot}, outside 0-16383.");
}
