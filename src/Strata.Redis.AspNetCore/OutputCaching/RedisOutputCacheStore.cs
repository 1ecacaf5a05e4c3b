using System.Buffers;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging;
using Strata.Resp;
using Strata.Resp.Cluster;

namespace Strata.Redis.AspNetCore.OutputCaching;

/// <summary>
/// ASP.NET Core's output-cache store on Redis through Strata.Resp: each entry a string with <c>PX</c>, each tag a sorted
/// set of entry keys scored by expiry (layout on <see cref="RedisOutputCacheOptions"/>).
/// </summary>
/// <remarks>
/// Internal: applications reach it as <see cref="IOutputCacheStore"/> from the container, so the contract stays the
/// framework's and the layout can change without a breaking change.
/// <para>
/// Tag semantics. <see cref="EvictByTagAsync"/> evicts every entry stored with the tag before it began; an entry stored
/// with the tag while it runs may or may not be evicted; one stored after it returned always survives. Re-storing a key
/// with fewer tags leaves it in its old tags' sets until they are evicted or the old membership expires, so evicting an
/// old tag may also evict the new entry: a cache may over-evict, never serve what an eviction was meant to remove.
/// </para>
/// <para>
/// Redis Cluster. An entry and its tag sets hash to different slots, so no script can hold them together. On a cluster the
/// store files the entry in each tag set first (one single-key script per set, each on its own node), then writes the
/// entry, then files it again; eviction reads a page of the tag set, unlinks those entries through the client (split per
/// slot) and removes only the memberships nobody re-filed meanwhile. The guarantees above still hold; what is lost is
/// atomicity: a store that fails halfway leaves memberships without an entry (harmless, they expire), never an entry
/// without its memberships. Memberships on a cluster are scored <see cref="ClusterTagGrace"/> past their entry's expiry
/// to absorb the delay before the entry is written and clock skew between nodes. When every key of a store shares one
/// slot (no tags, or hash-tagged keys) the single-server script is used.
/// </para>
/// <para>
/// Failures (Redis unreachable, <see cref="RedisOutputCacheOptions.OperationTimeout"/>) propagate: the output-cache
/// middleware logs a failed read and treats it as a miss, and logs and ignores a failed write, so an outage costs each
/// cached request at most two operation timeouts, not an error.
/// </para>
/// </remarks>
internal sealed class RedisOutputCacheStore : IOutputCacheBufferStore, IAsyncDisposable, IDisposable
{
    /// <summary>Members evicted per script call: large enough to amortize round trips, small enough not to stall Redis.</summary>
    internal const int EvictionPageSize = 500;

    /// <summary>How long a cluster membership outlives its entry (see the class remarks).</summary>
    internal static readonly TimeSpan ClusterTagGrace = TimeSpan.FromMinutes(1);

    private static readonly RespArgument[] EvictPageArguments = [EvictionPageSize];
    private static readonly long ClusterTagGraceMilliseconds = (long)ClusterTagGrace.TotalMilliseconds;

    private readonly RespClient _client;
    private readonly bool _ownsClient;
    private readonly string _entryPrefix;
    private readonly string _tagPrefix;
    private readonly TimeSpan _operationTimeout;
    private readonly TimeProvider _time;
    private int _disposed;

    /// <summary>Creates a store; with <see cref="RedisOutputCacheOptions.ConnectionString"/> it creates (and owns) its client.</summary>
    /// <param name="options">Validated here; read once, later changes have no effect.</param>
    /// <param name="containerTime">The clock when <see cref="RedisOutputCacheOptions.TimeProvider"/> is null.</param>
    /// <param name="loggerFactory">For an owned client's logs.</param>
    /// <param name="meterFactory">For an owned client's metrics.</param>
    public RedisOutputCacheStore(RedisOutputCacheOptions options, TimeProvider? containerTime = null, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _entryPrefix = options.KeyPrefix + "e:";
        _tagPrefix = options.KeyPrefix + "tag:";
        _operationTimeout = options.OperationTimeout;
        _time = options.TimeProvider ?? containerTime ?? TimeProvider.System;
        if (options.Client is { } client)
        {
            _client = client;
        }
        else
        {
            var clientOptions = RespClientOptions.Parse(options.ConnectionString!);
            clientOptions.LoggerFactory = loggerFactory;
            clientOptions.MeterFactory = meterFactory;
            // Create, not ConnectAsync: the container builds the store synchronously, and an application should start
            // while Redis is still coming up (commands wait for the connection within their timeout).
            _client = RespClient.Create(clientOptions);
            _ownsClient = true;
        }
    }

    /// <summary>The client in use (tests check ownership through it).</summary>
    internal RespClient Client => _client;

    /// <inheritdoc/>
    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var entryKey = EntryKey(key);
        return RunAsync(static (client, entryKey, token) => client.GetBytesAsync(entryKey, token), entryKey, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>Writes the bytes into <paramref name="destination"/> without flushing: flushing is the caller's, and a
    /// flush into a pipe nobody reads yet would wait on backpressure.</remarks>
    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        var entryKey = EntryKey(key);
        ArgumentNullException.ThrowIfNull(destination);
        using var lease = await RunAsync(static (client, entryKey, token) => client.GetLeaseAsync(entryKey, token), entryKey, cancellationToken)
            .ConfigureAwait(false);
        if (lease is null)
        {
            return false;
        }

        destination.Write(lease.Span);
        return true;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty, or a tag is null.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validFor"/> is not positive.</exception>
    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var keys = CheckAndBuildKeys(key, tags, validFor);
        return SetCoreAsync(keys, value, pooled: null, validFor, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty, or a tag is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validFor"/> is not positive.</exception>
    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var keys = CheckAndBuildKeys(key, tags.Span, validFor);
        if (value.IsSingleSegment)
        {
            // The caller's buffer stays valid until the returned task completes, which is after Strata.Resp copied it.
            return SetCoreAsync(keys, value.First, pooled: null, validFor, cancellationToken);
        }

        var length = checked((int)value.Length);
        var pooled = ArrayPool<byte>.Shared.Rent(length);
        value.CopyTo(pooled);
        return SetCoreAsync(keys, pooled.AsMemory(0, length), pooled, validFor, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Pages through the tag set (<see cref="EvictionPageSize"/> members per page, never <c>KEYS</c>), each page's
    /// entries and memberships removed atomically on a single server (in three steps on a cluster, see the class); the
    /// set disappears when its last page is removed. Semantics for concurrent writes are on the class.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="tag"/> is null.</exception>
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var tagKey = _tagPrefix + tag;
        await LearnTopologyAsync(cancellationToken).ConfigureAwait(false);
        if (_client.IsCluster)
        {
            await EvictByTagOnClusterAsync(tagKey, cancellationToken).ConfigureAwait(false);
            return;
        }

        long evicted;
        do
        {
            // No explicit DEL of the set at the end: Redis deletes an emptied sorted set, and deleting it after the last
            // page would drop the membership of an entry stored meanwhile, which a later eviction would then miss.
            var reply = await RunAsync(
                static (client, tagKey, token) => new ValueTask<RespValue>(client.EvaluateAsync(RedisOutputCacheScripts.EvictPage, [tagKey], EvictPageArguments, token)),
                tagKey,
                cancellationToken).ConfigureAwait(false);
            evicted = reply.AsInt64();
        }
        while (evicted == EvictionPageSize);
    }

    /// <summary>Disposes the client when the store created it; a shared <see cref="RedisOutputCacheOptions.Client"/> stays open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_ownsClient)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// For containers disposed synchronously (<c>ServiceProvider.Dispose</c> refuses a singleton that is only
    /// <see cref="IAsyncDisposable"/>). Blocks on <see cref="DisposeAsync"/>, which needs no captured context.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private string EntryKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _entryPrefix + key;
    }

    /// <summary>Checks every argument before anything is sent (bad input stores nothing); KEYS for the set script.</summary>
    private string[] CheckAndBuildKeys(string key, ReadOnlySpan<string> tags, TimeSpan validFor)
    {
        var entryKey = EntryKey(key);
        if (validFor <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(validFor), validFor, string.Create(CultureInfo.InvariantCulture, $"An output-cache entry must be valid for a positive time (was {validFor}); nothing was stored."));
        }

        var keys = new string[1 + tags.Length];
        keys[0] = entryKey;
        var count = 1;
        for (var i = 0; i < tags.Length; i++)
        {
            var tag = tags[i] ?? throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Tag {i} is null; output-cache tags must not be null. Nothing was stored."), nameof(tags));
            var tagKey = _tagPrefix + tag;
            // Tags are few per entry, so a linear check beats a set; the script would only repeat its work for a duplicate.
            if (Array.IndexOf(keys, tagKey, 1, count - 1) < 0)
            {
                keys[count++] = tagKey;
            }
        }

        return count == keys.Length ? keys : keys[..count];
    }

    private async ValueTask SetCoreAsync(string[] keys, ReadOnlyMemory<byte> value, byte[]? pooled, TimeSpan validFor, CancellationToken cancellationToken)
    {
        // Whole milliseconds, rounded up so a sub-millisecond validFor still stores a (briefly) live entry.
        var milliseconds = (long)Math.Ceiling(validFor.TotalMilliseconds);
        try
        {
            await LearnTopologyAsync(cancellationToken).ConfigureAwait(false);
            if (_client.IsCluster && !InOneSlot(keys))
            {
                await SetOnClusterAsync(keys, value, milliseconds, cancellationToken).ConfigureAwait(false);
                return;
            }

            await RunAsync(
                static (client, state, token) => new ValueTask<RespValue>(client.EvaluateAsync(
                    RedisOutputCacheScripts.Set, state.Keys, [state.Value, state.Milliseconds], token)),
                (Keys: keys, Value: value, Milliseconds: milliseconds),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (pooled is not null)
            {
                // Safe even after a failure: once the call has completed, Strata.Resp holds no reference to the value.
                ArrayPool<byte>.Shared.Return(pooled);
            }
        }
    }

    /// <summary>
    /// A client the store created connects in the background and learns whether it talks to a cluster in its first
    /// handshake; until then a PING (which waits for that handshake) decides, so the first store never sends a
    /// single-server script to a cluster. Free once known: a cluster client stays one, a connected client has decided.
    /// </summary>
    private ValueTask LearnTopologyAsync(CancellationToken cancellationToken) =>
        _client.IsCluster || _client.IsConnected
            ? ValueTask.CompletedTask
            : PingAsync(cancellationToken);

    private async ValueTask PingAsync(CancellationToken cancellationToken) =>
        await RunAsync(static (client, _, token) => client.PingAsync(token), 0, cancellationToken).ConfigureAwait(false);

    private static bool InOneSlot(string[] keys)
    {
        var slot = HashSlot.Of(keys[0]);
        for (var i = 1; i < keys.Length; i++)
        {
            if (HashSlot.Of(keys[i]) != slot)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Memberships, entry, memberships again (class remarks): each step one call within the operation timeout.</summary>
    private async ValueTask SetOnClusterAsync(string[] keys, ReadOnlyMemory<byte> value, long milliseconds, CancellationToken cancellationToken)
    {
        // Before the entry, so a reader can never find an entry an eviction would miss, even if this store then fails.
        await FileInTagsAsync(keys, milliseconds, cancellationToken).ConfigureAwait(false);
        await RunAsync(
            static (client, state, token) => client.SetAsync(state.Key, state.Value, TimeSpan.FromMilliseconds(state.Milliseconds), cancellationToken: token),
            (Key: keys[0], Value: value, Milliseconds: milliseconds),
            cancellationToken).ConfigureAwait(false);
        // After the entry: an eviction that read the first membership and unlinked before the SET would otherwise remove
        // it and leave this entry untagged; the new score makes that eviction keep it.
        await FileInTagsAsync(keys, milliseconds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One <see cref="RedisOutputCacheScripts.AddToTag"/> per tag set, sent together (they are on different nodes).</summary>
    private async ValueTask FileInTagsAsync(string[] keys, long milliseconds, CancellationToken cancellationToken)
    {
        RespArgument[] arguments = [keys[0], milliseconds, ClusterTagGraceMilliseconds];
        var calls = new Task<RespValue>[keys.Length - 1];
        for (var i = 1; i < keys.Length; i++)
        {
            calls[i - 1] = RunAsync(
                static (client, state, token) => new ValueTask<RespValue>(client.EvaluateAsync(RedisOutputCacheScripts.AddToTag, [state.TagKey], state.Arguments, token)),
                (TagKey: keys[i], Arguments: arguments),
                cancellationToken).AsTask();
        }

        await Task.WhenAll(calls).ConfigureAwait(false);
    }

    /// <summary>Cluster eviction, page by page: read members and scores, unlink the entries, drop unchanged memberships.</summary>
    private async ValueTask EvictByTagOnClusterAsync(string tagKey, CancellationToken cancellationToken)
    {
        int read;
        do
        {
            var page = await RunAsync(
                static (client, tagKey, token) => new ValueTask<RespValue>(client.EvaluateAsync(RedisOutputCacheScripts.ReadPage, [tagKey], EvictPageArguments, token)),
                tagKey,
                cancellationToken).ConfigureAwait(false);
            var items = page.Items;
            read = items.Count / 2;
            if (read == 0)
            {
                return;
            }

            var members = new string[read];
            var pairs = new RespArgument[items.Count];
            for (var i = 0; i < read; i++)
            {
                members[i] = items[2 * i].AsString()!;
                pairs[2 * i] = members[i];
                pairs[(2 * i) + 1] = items[(2 * i) + 1].AsString()!;
            }

            // Entries first, memberships after: a failure in between leaves memberships to entries already gone
            // (harmless), never an entry without its membership.
            await RunAsync(static (client, members, token) => client.UnlinkAsync(members, token), members, cancellationToken).ConfigureAwait(false);
            await RunAsync(
                static (client, state, token) => new ValueTask<RespValue>(client.EvaluateAsync(RedisOutputCacheScripts.RemoveUnchanged, [state.TagKey], state.Pairs, token)),
                (TagKey: tagKey, Pairs: pairs),
                cancellationToken).ConfigureAwait(false);
        }
        while (read == EvictionPageSize);
    }

    /// <summary>
    /// One call to Redis within <see cref="RedisOutputCacheOptions.OperationTimeout"/> (measured on the configured clock);
    /// the static operation and its state avoid a closure per call.
    /// </summary>
    private async ValueTask<T> RunAsync<TState, T>(Func<RespClient, TState, CancellationToken, ValueTask<T>> operation, TState state, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_operationTimeout == Timeout.InfiniteTimeSpan)
        {
            return await operation(_client, state, cancellationToken).ConfigureAwait(false);
        }

        using var deadline = new CancellationTokenSource(_operationTimeout, _time);
        using var link = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), deadline)
            : default;
        try
        {
            return await operation(_client, state, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RespTimeoutException(
                string.Create(CultureInfo.InvariantCulture, $"Redis did not answer the output cache within {_operationTimeout.TotalMilliseconds:0} ms (RedisOutputCacheOptions.OperationTimeout)."),
                exception);
        }
        catch (OperationCanceledException exception)
        {
            // Report the caller's token, not the internal deadline's, so callers can tell their own cancellation apart.
            throw new OperationCanceledException(exception.Message, exception, cancellationToken);
        }
    }
}
