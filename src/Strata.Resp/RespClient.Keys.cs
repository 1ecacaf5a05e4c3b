using System.Runtime.CompilerServices;
using Strata.Resp.Commands;
using Strata.Resp.Replies;

namespace Strata.Resp;

public sealed partial class RespClient
{
    /// <summary><c>DEL key...</c>: removes the keys at once; returns how many existed.</summary>
    public ValueTask<long> DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var array = CheckKeys(keys);
        if (_cluster is not null && GroupBySlot(array) is { } groups)
        {
            return SendSplitCountAsync(CommandName.Del, array, groups, cancellationToken);
        }

        return SendAsync<KeysCommand, long, Int64Parser>(new KeysCommand(CommandName.Del, array), cancellationToken);
    }

    /// <summary><c>DEL key</c>: returns whether the key existed.</summary>
    public async ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await DeleteAsync([key], cancellationToken).ConfigureAwait(false) == 1;

    /// <summary><c>UNLINK key...</c>: removes the keys, reclaiming memory in the background; returns how many existed.</summary>
    public ValueTask<long> UnlinkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var array = CheckKeys(keys);
        if (_cluster is not null && GroupBySlot(array) is { } groups)
        {
            return SendSplitCountAsync(CommandName.Unlink, array, groups, cancellationToken);
        }

        return SendAsync<KeysCommand, long, Int64Parser>(new KeysCommand(CommandName.Unlink, array), cancellationToken);
    }

    /// <summary><c>EXISTS key...</c>: how many of the keys exist (a key named twice counts twice).</summary>
    public ValueTask<long> ExistsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var array = CheckKeys(keys);
        if (_cluster is not null && GroupBySlot(array) is { } groups)
        {
            return SendSplitCountAsync(CommandName.Exists, array, groups, cancellationToken);
        }

        return SendAsync<KeysCommand, long, Int64Parser>(new KeysCommand(CommandName.Exists, array), cancellationToken);
    }

    /// <summary><c>EXISTS key</c>.</summary>
    public async ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        await ExistsAsync([key], cancellationToken).ConfigureAwait(false) == 1;

    /// <summary><c>PEXPIRE key ms</c>: returns whether the key exists (and now expires).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The expiry is not positive.</exception>
    public ValueTask<bool> ExpireAsync(string key, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        if (expiry <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(expiry), expiry, "The expiry must be positive; use DeleteAsync to remove a key.");
        }

        return SendAsync<KeyCommand, bool, BooleanParser>(new KeyCommand(CommandName.PExpire, key, (long)Math.Ceiling(expiry.TotalMilliseconds)), cancellationToken);
    }

    /// <summary>
    /// <c>PTTL key</c>: the time left; <c>null</c> when the key does not exist;
    /// <see cref="Timeout.InfiniteTimeSpan"/> when it has no expiry.
    /// </summary>
    public async ValueTask<TimeSpan?> TimeToLiveAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        var milliseconds = await SendAsync<KeyCommand, long, Int64Parser>(new KeyCommand(CommandName.PTtl, key), cancellationToken).ConfigureAwait(false);
        return milliseconds switch
        {
            -2 => null,
            -1 => Timeout.InfiniteTimeSpan,
            _ => TimeSpan.FromMilliseconds(milliseconds),
        };
    }

    /// <summary>
    /// One <c>SCAN cursor [MATCH pattern] [COUNT count]</c> call. In a cluster it scans one primary only; use
    /// <see cref="ScanKeysAsync"/> to cover every primary.
    /// </summary>
    public ValueTask<RespScanPage> ScanAsync(long cursor, string? pattern = null, int count = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cursor);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return SendAsync<ScanCommand, RespScanPage, ScanParser>(new ScanCommand(cursor, pattern, count), cancellationToken);
    }

    /// <summary>
    /// Every key matching <paramref name="pattern"/>, by repeated <c>SCAN</c> (never <c>KEYS</c>, which blocks the
    /// server). As SCAN guarantees, keys present throughout are returned at least once; a key may repeat.
    /// In a cluster every primary is scanned in turn (a slot migrating during the scan may be missed or repeated).
    /// </summary>
    public async IAsyncEnumerable<string> ScanKeysAsync(string? pattern = null, int pageSize = 250, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        if (_cluster is { } cluster)
        {
            // Each primary has its own keyspace and cursor: scan them one after another.
            foreach (var node in cluster.Map.Primaries)
            {
                long nodeCursor = 0;
                do
                {
                    var page = await cluster.SendToNodeAsync<ScanCommand, RespScanPage, ScanParser>(
                        node, new ScanCommand(nodeCursor, pattern, pageSize), cancellationToken).ConfigureAwait(false);
                    foreach (var key in page.Keys)
                    {
                        yield return key;
                    }

                    nodeCursor = page.Cursor;
                }
                while (nodeCursor != 0);
            }

            yield break;
        }

        long cursor = 0;
        do
        {
            var page = await ScanAsync(cursor, pattern, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var key in page.Keys)
            {
                yield return key;
            }

            cursor = page.Cursor;
        }
        while (cursor != 0);
    }
}
