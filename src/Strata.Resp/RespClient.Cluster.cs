using Strata.Resp.Cluster;
using Strata.Resp.Commands;
using Strata.Resp.Replies;

namespace Strata.Resp;

/// <summary>Multi-key commands across cluster slots: split per slot, sent concurrently, reassembled in the caller's order.</summary>
public sealed partial class RespClient
{
    /// <summary>Groups key positions by slot, or returns null when every key is in one slot (send as is).</summary>
    private static Dictionary<int, List<int>>? GroupBySlot(ReadOnlySpan<string> keys)
    {
        if (KeysCommand.SlotOf(keys) != IRespCommand.CrossSlot)
        {
            return null;
        }

        var groups = new Dictionary<int, List<int>>();
        for (var i = 0; i < keys.Length; i++)
        {
            var slot = HashSlot.Of(keys[i]);
            if (!groups.TryGetValue(slot, out var positions))
            {
                groups[slot] = positions = [];
            }

            positions.Add(i);
        }

        return groups;
    }

    /// <summary>DEL / UNLINK / EXISTS over keys in several slots: one command per slot, counts summed.</summary>
    private async ValueTask<long> SendSplitCountAsync(CommandName name, string[] keys, Dictionary<int, List<int>> groups, CancellationToken cancellationToken)
    {
        var parts = new List<Task<long>>(groups.Count);
        foreach (var positions in groups.Values)
        {
            var part = positions.Select(p => keys[p]).ToArray();
            parts.Add(SendAsync<KeysCommand, long, Int64Parser>(new KeysCommand(name, part), cancellationToken).AsTask());
        }

        long total = 0;
        foreach (var count in await Task.WhenAll(parts).ConfigureAwait(false))
        {
            total += count;
        }

        return total;
    }

    /// <summary>MGET over keys in several slots: one MGET per slot, values put back at their keys' positions.</summary>
    private async ValueTask<TElement?[]> SendSplitMGetAsync<TElement, TParser>(string[] keys, Dictionary<int, List<int>> groups, CancellationToken cancellationToken)
        where TParser : IReplyParser<TElement?[]>
    {
        var parts = new List<(List<int> Positions, Task<TElement?[]> Values)>(groups.Count);
        foreach (var positions in groups.Values)
        {
            var part = positions.Select(p => keys[p]).ToArray();
            parts.Add((positions, SendAsync<KeysCommand, TElement?[], TParser>(new KeysCommand(CommandName.MGet, part), cancellationToken).AsTask()));
        }

        await Task.WhenAll(parts.Select(static p => p.Values)).ConfigureAwait(false);
        var result = new TElement?[keys.Length];
        foreach (var (positions, values) in parts)
        {
            var array = await values.ConfigureAwait(false);
            for (var i = 0; i < positions.Count; i++)
            {
                result[positions[i]] = array[i];
            }
        }

        return result;
    }

    /// <summary>MSET over keys in several slots: one MSET per slot (atomic per slot only).</summary>
    private async ValueTask SendSplitMSetAsync(KeyValuePair<string, ReadOnlyMemory<byte>>[] pairs, Dictionary<int, List<int>> groups, CancellationToken cancellationToken)
    {
        var parts = new List<Task<bool>>(groups.Count);
        foreach (var positions in groups.Values)
        {
            var part = positions.Select(p => pairs[p]).ToArray();
            parts.Add(SendAsync<MSetCommand, bool, OkParser>(new MSetCommand(part), cancellationToken).AsTask());
        }

        await Task.WhenAll(parts).ConfigureAwait(false);
    }
}
