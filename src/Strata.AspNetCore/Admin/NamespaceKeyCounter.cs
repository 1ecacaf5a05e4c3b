namespace Strata.AspNetCore.Admin;

/// <summary>
/// Keys per namespace in L1 (exact) and L2 (counted from a bounded SCAN, flagged when the budget ran out before the
/// keyspace did). Stamp and lease keys (<c>{prefix}:!…</c>) are the engine's bookkeeping, not cached values, and are
/// left out.
/// </summary>
internal static class NamespaceKeyCounter
{
    public static async Task<NamespaceKeyCounts> CountAsync(IStrataCacheInspector inspector, string keyPrefix, int scanBudget, CancellationToken cancellationToken)
    {
        var l1 = inspector.CountL1ByNamespace();
        if (inspector.DistributedTier is not { } tier)
        {
            return new NamespaceKeyCounts(l1, null, Complete: true);
        }

        var prefix = keyPrefix + ":";
        var sample = await tier.SampleKeysAsync(prefix, null, scanBudget, scanBudget, cancellationToken).ConfigureAwait(false);
        var l2 = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, _) in sample.Keys)
        {
            var rest = key.AsSpan(prefix.Length);
            var colon = rest.IndexOf(':');
            if (colon <= 0 || rest[0] == '!')
            {
                continue;
            }

            var ns = rest[..colon].ToString();
            l2[ns] = l2.GetValueOrDefault(ns) + 1;
        }

        return new NamespaceKeyCounts(l1, l2, sample.Complete);
    }
}
