using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Admin;

internal static partial class AdminEndpoints
{
    private const int DefaultKeysListed = 100;

    /// <summary>
    /// <c>GET keys?namespace=&amp;match=&amp;limit=</c>: a sample of keys from L1 (with freshness) and from L2 (with
    /// TTL, through a budgeted SCAN, never KEYS). Values are never shown.
    /// </summary>
    private static async Task<IResult> ListKeysAsync(
        HttpRequest request,
        IStrataCacheInspector inspector,
        IOptions<StrataAdminOptions> options,
        IOptions<StrataCacheOptions> cacheOptions,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!TryReadLimit(request, DefaultKeysListed, options.Value.MaxKeysListed, out var limit, out var problem))
        {
            return problem!;
        }

        var ns = request.Query["namespace"].ToString() is { Length: > 0 } n ? n : null;
        var match = request.Query["match"].ToString() is { Length: > 0 } m ? m : null;
        string? l2Prefix = null;
        if (ns is not null)
        {
            try
            {
                l2Prefix = inspector.GetDistributedKeyPrefix(ns);
            }
            catch (ArgumentException error)
            {
                return AdminProblems.BadRequest("namespace", error.Message);
            }
        }

        var now = time.GetUtcNow();
        var l1 = inspector.SampleL1(ns, match, limit).Select(e => new
        {
            @namespace = e.Namespace,
            key = e.Key,
            bytes = e.Bytes,
            ageSeconds = (now - e.CreatedAt).TotalSeconds,
            freshForSeconds = (e.FreshUntil - now).TotalSeconds,
            servableForSeconds = (e.StaleUntil - now).TotalSeconds,
            tags = e.Tags,
        }).ToArray();

        object? l2 = null;
        if (inspector.DistributedTier is { } tier)
        {
            // Without a namespace: every namespace under the cache's prefix, the match applying to the key part.
            var pattern = match is null ? null : ns is null ? "*:" + match : match;
            var prefix = l2Prefix ?? cacheOptions.Value.KeyPrefix + ":";
            try
            {
                var sample = await tier.SampleKeysAsync(prefix, pattern, limit, options.Value.ScanBudget, cancellationToken).ConfigureAwait(false);
                l2 = new
                {
                    // Stamp and lease keys ({prefix}:!…) are the engine's bookkeeping, not cached values.
                    keys = sample.Keys
                        .Where(k => k.Key.Length > prefix.Length && (ns is not null || k.Key[prefix.Length] != '!'))
                        .Select(k => new { key = k.Key, ttlSeconds = k.Value?.TotalSeconds })
                        .ToArray(),
                    complete = sample.Complete,
                    examined = sample.Examined,
                };
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return AdminProblems.Unavailable("L2 unavailable", $"Listing L2 keys failed: {error.Message}");
            }
        }

        return TypedResults.Ok(new { @namespace = ns, match, limit, l1, l2 });
    }
}
