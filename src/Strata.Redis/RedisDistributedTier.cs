using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Redis.Coherence;
using Strata.Redis.Compatibility;
using Strata.Redis.Diagnostics;
using Strata.Redis.Scripts;
using Strata.Resp;
using Strata.Resp.Cluster;

namespace Strata.Redis;

/// <summary>
/// Redis as Strata's L2 tier, on Strata.Resp: envelopes under their full keys with Redis TTL = the entry's stale
/// horizon, batches as MGET and pipelined SETs, invalidation stamps as small keys that raise-only scripts keep (each
/// with its own TTL), namespace purge by SCAN + UNLINK, cross-node leases, and other nodes' changes heard through
/// client tracking or pub/sub (<see cref="RedisCoherence"/>). Passes the L2 conformance suite.
/// </summary>
/// <remarks>
/// Time-to-lives are computed from the tier's <see cref="TimeProvider"/> (the cache's clock) and sent as relative
/// milliseconds, so a skew between this machine's clock and the server's does not shorten or stretch them.
/// Reads wait until the tier can hear other nodes (tracking or the subscription is on), so nothing read can have
/// changed unheard.
/// </remarks>
public sealed partial class RedisDistributedTier : IDistributedTier, IDistributedLeaseTier, IDistributedTierInspector, IAsyncDisposable, IDisposable
{
    private readonly RespClient _client;
    private readonly bool _ownsClient;
    private readonly RedisTierOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ChangeFeed _feed;
    private readonly Guid _node = Guid.NewGuid();
    private readonly TaskCompletionSource _coherent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _disposing = new();
    private readonly Task _starting;
    private ICoherence? _coherence;
    private int _disposed;

    /// <summary>Creates a tier with a client of its own (connecting in the background; commands wait for it).</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public RedisDistributedTier(RedisTierOptions options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
        : this(CreateClient(options, loggerFactory), ownsClient: true, options, time, loggerFactory)
    {
    }

    /// <summary>Creates a tier over an existing client (not disposed with the tier). Tracking is turned on for the
    /// client's connection; <see cref="RedisTierOptions.ConnectionString"/> and <see cref="RedisTierOptions.Client"/>
    /// are ignored.</summary>
    public RedisDistributedTier(RespClient client, RedisTierOptions? options = null, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
        : this(client ?? throw new ArgumentNullException(nameof(client)), ownsClient: false, options ?? new RedisTierOptions(), time, loggerFactory)
    {
    }

    private RedisDistributedTier(RespClient client, bool ownsClient, RedisTierOptions options, TimeProvider? time, ILoggerFactory? loggerFactory)
    {
        _client = client;
        _ownsClient = ownsClient;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)loggerFactory?.CreateLogger("Strata.Redis") ?? NullLogger.Instance;
        _feed = new ChangeFeed(_logger);
        _starting = Task.Run(StartCoherenceAsync);
    }

    /// <inheritdoc />
    public string Name => "redis";

    /// <summary>The client the tier talks through.</summary>
    public RespClient Client => _client;

    /// <summary>The coherence in effect: <see cref="RedisCoherence.Auto"/> until it is decided.</summary>
    public RedisCoherence ActiveCoherence => _coherent.Task.IsCompletedSuccessfully ? _coherence?.Mode ?? RedisCoherence.None : RedisCoherence.Auto;

    /// <summary>Other nodes' changed keys delivered to this tier's observers so far (after coalescing).</summary>
    public long ChangesHeard => _feed.KeysDelivered;

    /// <summary>Completes once the tier hears other nodes' changes (tracking on, or the channel subscribed).</summary>
    public Task WhenCoherentAsync(CancellationToken cancellationToken = default) => _coherent.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await EnsureCoherentAsync(cancellationToken).ConfigureAwait(false);
        if (_options.ValueFormat == RedisValueFormat.PlainJson)
        {
            return await ReadPlainAsync(key, cancellationToken).ConfigureAwait(false);
        }

        return await _client.GetBytesAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?[]> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await EnsureCoherentAsync(cancellationToken).ConfigureAwait(false);
        if (keys.Count == 0)
        {
            return [];
        }

        if (_options.ValueFormat == RedisValueFormat.PlainJson)
        {
            // Issued back to back: the connection sends them together, one round trip for the batch.
            var reads = keys.Select(k => ReadPlainAsync(k, cancellationToken).AsTask()).ToArray();
            return await Task.WhenAll(reads).ConfigureAwait(false);
        }

        return await _client.MGetBytesAsync(keys, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var write = WriteAsync(key, value, expiresAt, cancellationToken);
        var announce = Announces ? AnnounceAsync([key], cancellationToken) : ValueTask.CompletedTask;
        await write.ConfigureAwait(false);
        await announce.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SetManyAsync(IReadOnlyList<DistributedWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        if (writes.Count == 0)
        {
            return;
        }

        // Issued back to back without awaiting: the connection sends them together (one round trip for the batch).
        var pending = new Task[writes.Count + (Announces ? 1 : 0)];
        for (var i = 0; i < writes.Count; i++)
        {
            pending[i] = WriteAsync(writes[i].Key, writes[i].Value, writes[i].ExpiresAt, cancellationToken).AsTask();
        }

        if (Announces)
        {
            pending[^1] = AnnounceAsync([.. writes.Select(static w => w.Key)], cancellationToken).AsTask();
        }
        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        if (keys.Count == 0)
        {
            return;
        }

        var remove = _client.UnlinkAsync(keys, cancellationToken);
        var announce = AnnounceAsync(keys, cancellationToken);
        await remove.ConfigureAwait(false);
        await announce.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<long[]> GetStampsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await EnsureCoherentAsync(cancellationToken).ConfigureAwait(false);
        if (keys.Count == 0)
        {
            return [];
        }

        var values = await _client.MGetAsync(keys, cancellationToken).ConfigureAwait(false);
        var stamps = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            // Anything that is not a stamp (a foreign or damaged value) reads as "no invalidation recorded".
            stamps[i] = long.TryParse(values[i], NumberStyles.None, CultureInfo.InvariantCulture, out var stamp) ? stamp : 0;
        }

        return stamps;
    }

    /// <inheritdoc />
    public async ValueTask SetStampAsync(string key, long stamp, TimeSpan retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(stamp);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        var echoes = (_coherence as TrackingCoherence)?.Echoes;
        echoes?.Expect(key);
        try
        {
            var raise = _client.EvaluateAsync(
                TierScripts.RaiseStamp,
                [key],
                [stamp.ToString(CultureInfo.InvariantCulture), Milliseconds(retention)],
                cancellationToken);
            var announce = Announces ? AnnounceAsync([key], cancellationToken) : ValueTask.CompletedTask;
            await raise.ConfigureAwait(false);
            await announce.ConfigureAwait(false);
        }
        catch
        {
            echoes?.Forget(key);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> PurgeAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        cancellationToken.ThrowIfCancellationRequested();
        var pattern = EscapeGlob(keyPrefix) + "*";
        long removed = 0;
        var steps = 0;
        var batch = new List<string>(_options.ScanPageSize);
        // Incremental: SCAN looks at about ScanPageSize keys per call, so the server is never blocked for long, and
        // the matches are unlinked a page at a time. In a Redis Cluster ScanKeysAsync scans every primary in turn
        // (each has its own keyspace), and UNLINK is split per slot by the client.
        await foreach (var key in _client.ScanKeysAsync(pattern, _options.ScanPageSize, cancellationToken).ConfigureAwait(false))
        {
            if (key.StartsWith(keyPrefix, StringComparison.Ordinal))
            {
                batch.Add(key);
                if (batch.Count == _options.ScanPageSize)
                {
                    removed += await _client.UnlinkAsync(batch, cancellationToken).ConfigureAwait(false);
                    steps++;
                    batch.Clear();
                }
            }
        }

        if (batch.Count > 0)
        {
            removed += await _client.UnlinkAsync(batch, cancellationToken).ConfigureAwait(false);
            steps++;
        }

        RedisTierLog.Purged(_logger, removed, keyPrefix, steps);
        return removed;
    }

    /// <inheritdoc />
    public async ValueTask PingAsync(CancellationToken cancellationToken) =>
        await _client.PingAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public IDisposable Subscribe(IDistributedTierObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return _feed.Subscribe(observer);
    }

    /// <inheritdoc />
    public async ValueTask<DistributedLeaseAttempt> TryAcquireLeaseAsync(string key, string leaseKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(leaseKey);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        await EnsureCoherentAsync(cancellationToken).ConfigureAwait(false);
        if (_client.IsCluster && HashSlot.Of(key) != HashSlot.Of(leaseKey))
        {
            return await TryAcquireLeaseAcrossSlotsAsync(key, leaseKey, owner, duration, cancellationToken).ConfigureAwait(false);
        }

        var reply = await _client.EvaluateAsync(TierScripts.AcquireLease, [key, leaseKey], [owner, Milliseconds(duration)], cancellationToken).ConfigureAwait(false);
        var items = reply.Items;
        var value = items[1].IsNull ? null : items[1].Bytes.ToArray();
        return items[0].AsInt64() == 1
            ? new DistributedLeaseAttempt(true, value, TimeSpan.Zero)
            : new DistributedLeaseAttempt(false, value, HeldFor(items[2].AsInt64()));
    }

    /// <summary>
    /// The lease in a Redis Cluster, where the value and its lease key live in different slots (usually on different
    /// nodes) and no script can touch both: <c>SET NX PX</c> first, and only once it has answered, the value (and the
    /// holder's remaining time). Reading after the decision keeps what the script guarantees: a holder writes the value
    /// before it releases, so a lease taken after a release sees that value, and a lease found held sees the value as
    /// new as or newer than at that instant. A lease released between the two steps reads as "held for 0" (ask again).
    /// </summary>
    private async ValueTask<DistributedLeaseAttempt> TryAcquireLeaseAcrossSlotsAsync(string key, string leaseKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var taken = await _client.SetAsync(leaseKey, Encoding.UTF8.GetBytes(owner), duration, RespSetCondition.IfNotExists, cancellationToken).ConfigureAwait(false);
        var read = _client.GetBytesAsync(key, cancellationToken);
        if (taken)
        {
            return new DistributedLeaseAttempt(true, await read.ConfigureAwait(false), TimeSpan.Zero);
        }

        var left = _client.TimeToLiveAsync(leaseKey, cancellationToken);
        var value = await read.ConfigureAwait(false);
        return new DistributedLeaseAttempt(false, value, (await left.ConfigureAwait(false)) switch
        {
            null => TimeSpan.Zero,
            { } ttl when ttl == Timeout.InfiniteTimeSpan => TimeSpan.MaxValue,
            { } ttl => ttl,
        });
    }

    /// <inheritdoc />
    public async ValueTask ReleaseLeaseAsync(string leaseKey, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseKey);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var released = await _client.EvaluateAsync(TierScripts.ReleaseLease, [leaseKey], [owner], cancellationToken).ConfigureAwait(false);
        if (released.AsInt64() == 1)
        {
            // Waiters on other nodes wake on this change (tracking reports the DEL by itself).
            if (Announces)
            {
                await AnnounceAsync([leaseKey], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops hearing changes and closes the client if the tier created it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        try
        {
            await _starting.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Start-up failures were logged; disposal must finish.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        if (_coherence is not null)
        {
            await _coherence.DisposeAsync().ConfigureAwait(false);
        }

        await _feed.DisposeAsync().ConfigureAwait(false);
        if (_ownsClient)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }

        _disposing.Dispose();
    }

    /// <summary>Blocks on <see cref="DisposeAsync"/> (for containers disposed synchronously).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static RespClient CreateClient(RedisTierOptions options, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Client is { } clientOptions)
        {
            return RespClient.Create(clientOptions);
        }

        // Parsed here, so the object is ours to complete with the host's logging.
        var parsed = RespClientOptions.Parse(options.ConnectionString!);
        parsed.LoggerFactory = loggerFactory;
        return RespClient.Create(parsed);
    }

    /// <summary>GET and PTTL of a plain value, sent together; the value wrapped in an envelope fresh for its TTL.</summary>
    private async ValueTask<byte[]?> ReadPlainAsync(string key, CancellationToken cancellationToken)
    {
        var read = _client.GetBytesAsync(key, cancellationToken);
        var ttl = _client.TimeToLiveAsync(key, cancellationToken);
        var value = await read.ConfigureAwait(false);
        var left = await ttl.ConfigureAwait(false);
        if (value is null || left is null)
        {
            return null;
        }

        return PlainJsonFormat.FromPlain(value, left == Timeout.InfiniteTimeSpan ? null : left, _options.PlainValueFreshness, _time.GetUtcNow());
    }

    private ValueTask<bool> WriteAsync(string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (_options.ValueFormat == RedisValueFormat.PlainJson)
        {
            // The value alone, expiring when it stops being fresh (SETEX semantics); an envelope that is not fresh
            // any more (or not an envelope) replaces nothing and is deleted.
            if (PlainJsonFormat.TryToPlain(value, _time.GetUtcNow(), out var payload, out var fresh))
            {
                return _client.SetAsync(key, payload, fresh, RespSetCondition.Always, cancellationToken);
            }

            expiresAt = DateTimeOffset.MinValue;
        }

        var timeToLive = expiresAt - _time.GetUtcNow();
        if (timeToLive <= TimeSpan.Zero)
        {
            // Already past its horizon: it must not be read, and nor may the value it replaces.
            return Deleted(_client.DeleteAsync(key, cancellationToken));
        }

        return _client.SetAsync(key, value, timeToLive, RespSetCondition.Always, cancellationToken);

        static async ValueTask<bool> Deleted(ValueTask<bool> delete)
        {
            await delete.ConfigureAwait(false);
            return true;
        }
    }

    /// <summary>Whether writes must be announced (pub/sub): checked before building the key list, so tracking (the
    /// server announces) allocates nothing for it.</summary>
    private bool Announces => _coherence is { AnnouncesWrites: true };

    private ValueTask AnnounceAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        _coherence is { AnnouncesWrites: true } coherence ? coherence.AnnounceAsync(keys, cancellationToken) : ValueTask.CompletedTask;

    private async ValueTask EnsureCoherentAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_coherent.Task.IsCompletedSuccessfully)
        {
            await _coherent.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Turns on the configured coherence, retrying with backoff while Redis cannot be reached; in
    /// <see cref="RedisCoherence.Auto"/> falls back to pub/sub when the server cannot track.</summary>
    private async Task StartCoherenceAsync()
    {
        var delay = TimeSpan.FromMilliseconds(50);
        var mode = _options.Coherence;
        while (!_disposing.IsCancellationRequested)
        {
            try
            {
                if (mode is RedisCoherence.Auto or RedisCoherence.Tracking)
                {
                    var tracking = new TrackingCoherence(_client, _options.KeyPrefix, _feed);
                    try
                    {
                        await tracking.StartAsync(_disposing.Token).ConfigureAwait(false);
                        _coherence = tracking;
                    }
                    catch (Exception error) when (error is NotSupportedException or RespServerException)
                    {
                        if (mode == RedisCoherence.Tracking)
                        {
                            RedisTierLog.TrackingRequiredButUnavailable(_logger, error.Message);
                            _coherent.TrySetException(new InvalidOperationException(
                                $"RedisTierOptions.Coherence is Tracking, but the server cannot track: {error.Message}", error));
                            return;
                        }

                        RedisTierLog.TrackingUnavailable(_logger, error.Message, _options.EffectiveChannel);
                        mode = RedisCoherence.PubSub;
                        continue;
                    }
                }
                else if (mode == RedisCoherence.PubSub)
                {
                    var pubSub = new PubSubCoherence(_client, _options.EffectiveChannel, _node, _feed, _logger);
                    await pubSub.StartAsync(_disposing.Token).ConfigureAwait(false);
                    _coherence = pubSub;
                }

                RedisTierLog.CoherenceActive(_logger, mode);
                _coherent.TrySetResult();
                return;
            }
            catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error) when (error is RespConnectionException or RespTimeoutException)
            {
                RedisTierLog.CoherenceRetry(_logger, (long)delay.TotalMilliseconds, error);
                try
                {
                    await Task.Delay(delay, _client.Options.TimeProvider, _disposing.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }

        _coherent.TrySetCanceled();
    }

    /// <summary>PTTL of a held lease: -1 (a lease key someone wrote without a TTL) never ends by itself, so the waiter
    /// relies on hearing it change (bounded by its own wait); -2 (gone meanwhile) means ask again at once.</summary>
    private static TimeSpan HeldFor(long pttl) => pttl switch
    {
        -1 => TimeSpan.MaxValue,
        < 0 => TimeSpan.Zero,
        _ => TimeSpan.FromMilliseconds(pttl),
    };

    private static string Milliseconds(TimeSpan span) =>
        ((long)Math.Ceiling(span.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Escapes the glob characters of a literal prefix for SCAN MATCH.</summary>
    private static string EscapeGlob(string literal)
    {
        var builder = new StringBuilder(literal.Length + 4);
        foreach (var c in literal)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
