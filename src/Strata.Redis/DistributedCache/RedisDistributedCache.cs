using System.Buffers;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Strata.Resp;
using Strata.Resp.Scripting;

namespace Strata.Redis.DistributedCache;

/// <summary>
/// <see cref="IDistributedCache"/> and <see cref="IBufferDistributedCache"/> over Redis through Strata.Resp, for code
/// that takes an <see cref="IDistributedCache"/> (session state, Microsoft's HybridCache, key-value stores).
/// Thread-safe; create one per application.
/// </summary>
/// <remarks>
/// <para>
/// Each entry is one Redis hash (fields <c>d</c> data, <c>a</c> absolute expiration in server unix milliseconds or -1,
/// <c>s</c> sliding expiration in milliseconds or -1) whose key TTL is min(sliding, absolute − now). Every operation
/// is one round trip: set, read-and-re-arm and refresh are Lua scripts that take "now" from the server's clock, so
/// clock skew between application servers and Redis does not shift expirations; remove is <c>UNLINK</c>.
/// </para>
/// <para>
/// Expirations follow <see cref="DistributedCacheEntryOptions"/>: <see cref="DistributedCacheEntryOptions.AbsoluteExpirationRelativeToNow"/>
/// wins over <see cref="DistributedCacheEntryOptions.AbsoluteExpiration"/>, which is turned into a duration with the
/// configured <see cref="TimeProvider"/> when the call is made; each read (<see cref="GetAsync"/>, <see cref="TryGetAsync"/>)
/// and <see cref="RefreshAsync"/> restarts a sliding expiration, never past the absolute one; with no expiration at all
/// the entry has no TTL.
/// </para>
/// <para>
/// The synchronous methods run the asynchronous ones and block on them (as Microsoft's Redis cache does for its
/// async-only paths); prefer the asynchronous ones. There is no fail-safe: <see cref="IDistributedCache"/> has no
/// contract for it, so when Redis is unreachable or slow the Strata.Resp exception (<see cref="RespConnectionException"/>,
/// <see cref="RespTimeoutException"/>, <see cref="RespServerException"/>) propagates to the caller.
/// </para>
/// </remarks>
public sealed class RedisDistributedCache : IBufferDistributedCache, IAsyncDisposable, IDisposable
{
    private const long NoExpiration = -1;

    private readonly RespClient _client;
    private readonly bool _ownsClient;
    private readonly string _keyPrefix;
    private readonly TimeProvider _time;
    // Only for a shared client: a client the cache creates gets the timeout as its own command timeout instead.
    private readonly TimeSpan? _operationTimeout;
    private int _disposed;

    /// <summary>Creates the cache; with <see cref="RedisDistributedCacheOptions.ConnectionString"/> it connects in the background.</summary>
    /// <param name="options">The options; read once here (later changes have no effect).</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each invalid option.</exception>
    public RedisDistributedCache(RedisDistributedCacheOptions options)
        : this(options, defaultTimeProvider: null, loggerFactory: null, meterFactory: null)
    {
    }

    /// <summary>The constructor the service-collection registration uses, passing the container's services on.</summary>
    internal RedisDistributedCache(
        RedisDistributedCacheOptions options,
        TimeProvider? defaultTimeProvider,
        ILoggerFactory? loggerFactory,
        IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _keyPrefix = options.KeyPrefix;
        _time = options.TimeProvider ?? defaultTimeProvider ?? TimeProvider.System;
        if (options.Client is { } client)
        {
            _client = client;
            _operationTimeout = options.OperationTimeout;
        }
        else
        {
            var clientOptions = RespClientOptions.Parse(options.ConnectionString!);
            if (options.OperationTimeout is { } timeout)
            {
                clientOptions.CommandTimeout = timeout;
            }

            clientOptions.LoggerFactory ??= loggerFactory;
            clientOptions.MeterFactory ??= meterFactory;
            // Create, not ConnectAsync: a constructor cannot await, and an application should be able to start while
            // Redis is down (commands wait for the background connection within their timeout, then throw).
            _client = RespClient.Create(clientOptions);
            _ownsClient = true;
        }
    }

    /// <summary>Gets the value of <paramref name="key"/>, restarting its sliding expiration; blocks on <see cref="GetAsync"/>.</summary>
    /// <param name="key">The key (the configured prefix is prepended).</param>
    /// <returns>The value, or <c>null</c> when the key is absent or expired.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    /// <summary>Gets the value of <paramref name="key"/> and restarts its sliding expiration, in one round trip.</summary>
    /// <param name="key">The key (the configured prefix is prepended).</param>
    /// <param name="token">Stops waiting for the reply.</param>
    /// <returns>The value, or <c>null</c> when the key is absent or expired.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var fullKey = FullKey(key);
        return GetCoreAsync(fullKey, token);
    }

    /// <summary>
    /// Writes the value of <paramref name="key"/> into <paramref name="destination"/>, restarting its sliding
    /// expiration; blocks on <see cref="TryGetAsync"/>.
    /// </summary>
    /// <param name="key">The key (the configured prefix is prepended).</param>
    /// <param name="destination">Receives the value's bytes when the key is present; untouched otherwise.</param>
    /// <returns>Whether the key was present.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public bool TryGet(string key, IBufferWriter<byte> destination) =>
        TryGetAsync(key, destination).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Writes the value of <paramref name="key"/> into <paramref name="destination"/> and restarts its sliding
    /// expiration, in one round trip.
    /// </summary>
    /// <param name="key">The key (the configured prefix is prepended).</param>
    /// <param name="destination">Receives the value's bytes when the key is present; untouched otherwise.</param>
    /// <param name="token">Stops waiting for the reply.</param>
    /// <returns>Whether the key was present.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        var fullKey = FullKey(key);
        ArgumentNullException.ThrowIfNull(destination);
        return TryGetCoreAsync(fullKey, destination, token);
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>; blocks on <see cref="SetAsync(string, byte[], DistributedCacheEntryOptions, CancellationToken)"/>.</summary>
    /// <param name="key">The key (the configured prefix is prepended).</param>
    /// <param name="value">The value; may be empty.</param>
    /// <param name="options">The expirations; none means the entry never expires.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/>, <paramref name="value"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The absolute expiration is not in the future; nothing is stored.</exception>
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        SetAsync(key, value, options).GetAwaiter().GetResult();

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any previous entry and its expirations.</summary>
    /// <param name="key">The key (the configured prefix is prepended).</param>
    /// <param name="value">The value; may be empty.</param>
    /// <param name="options">The expirations; none means the entry never expires.</param>
    /// <param name="token">Stops waiting for the reply (the write may still happen).</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/>, <paramref name="value"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The absolute expiration is not in the future; nothing is stored.</exception>
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        var fullKey = FullKey(key);
        ArgumentNullException.ThrowIfNull(value);
        var arguments = ToArguments(value, options);
        return EvaluateAsync(RedisDistributedCacheScripts.Set, fullKey, arguments, "set", token);
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>; blocks on <see cref="SetAsync(string, ReadOnlySequence{byte}, DistributedCacheEntryOptions, CancellationToken)"/>.</summary>
    /// <param name="key">The key (the configured prefix is prepended).</param>
    /// <param name="value">The value; may be empty or span several segments.</param>
    /// <param name="options">The expirations; none means the entry never expires.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The absolute expiration is not in the future; nothing is stored.</exception>
    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) =>
        SetAsync(key, value, options).AsTask().GetAwaiter().GetResult();

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any previous entry and its expirations.</summary>
    /// <param name="key">The key (the configured prefix is prepended).</param>
    /// <param name="value">The value; may be empty or span several segments.</param>
    /// <param name="options">The expirations; none means the entry never expires.</param>
    /// <param name="token">Stops waiting for the reply (the write may still happen).</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The absolute expiration is not in the future; nothing is stored.</exception>
    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        var fullKey = FullKey(key);
        if (value.IsSingleSegment)
        {
            return new ValueTask(EvaluateAsync(RedisDistributedCacheScripts.Set, fullKey, ToArguments(value.First, options), "set", token));
        }

        // A command argument is one contiguous block (RespArgument has no sequence form), so a multi-segment value is
        // gathered once into a pooled array, returned when the command has been written and answered.
        var arguments = ToArguments(ReadOnlyMemory<byte>.Empty, options);
        return SetPooledAsync(fullKey, value, arguments, token);
    }

    /// <summary>Restarts the sliding expiration of <paramref name="key"/>; blocks on <see cref="RefreshAsync"/>.</summary>
    /// <param name="key">The key (the configured prefix is prepended).</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    /// <summary>
    /// Restarts the sliding expiration of <paramref name="key"/> (never past its absolute expiration) without reading
    /// the value. Nothing happens when the key is absent or has no sliding expiration.
    /// </summary>
    /// <param name="key">The key (the configured prefix is prepended).</param>
    /// <param name="token">Stops waiting for the reply.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public Task RefreshAsync(string key, CancellationToken token = default)
    {
        var fullKey = FullKey(key);
        return EvaluateAsync(RedisDistributedCacheScripts.Refresh, fullKey, [], "refresh", token);
    }

    /// <summary>Removes <paramref name="key"/>; blocks on <see cref="RemoveAsync"/>.</summary>
    /// <param name="key">The key (the configured prefix is prepended).</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    /// <summary>Removes <paramref name="key"/> (<c>UNLINK</c>: memory is reclaimed in the background); absent keys are fine.</summary>
    /// <param name="key">The key (the configured prefix is prepended).</param>
    /// <param name="token">Stops waiting for the reply (the removal may still happen).</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        var fullKey = FullKey(key);
        return RunAsync(
            fullKey,
            static (client, key, cancellationToken) => client.UnlinkAsync([key], cancellationToken),
            "remove",
            token);
    }

    /// <summary>Disposes the client the cache created from a connection string; a shared client is left open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _ownsClient)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Blocks on <see cref="DisposeAsync"/>. Implemented so a service provider disposed synchronously (which refuses
    /// singletons that are only <see cref="IAsyncDisposable"/>) can still release the cache.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<byte[]?> GetCoreAsync(string fullKey, CancellationToken token)
    {
        var reply = await EvaluateAsync(RedisDistributedCacheScripts.Get, fullKey, [], "get", token).ConfigureAwait(false);
        if (IsAbsent(reply))
        {
            return null;
        }

        // RespValue keeps a string reply as an exact-length array that nothing else references once we drop the
        // reply, so hand that array out rather than copying the value a second time (a megabyte value would
        // otherwise be copied twice). Fall back to a copy should RespValue ever return a slice.
        return MemoryMarshal.TryGetArray(reply.Bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : reply.Bytes.ToArray();
    }

    private async ValueTask<bool> TryGetCoreAsync(string fullKey, IBufferWriter<byte> destination, CancellationToken token)
    {
        var reply = await EvaluateAsync(RedisDistributedCacheScripts.Get, fullKey, [], "get", token).ConfigureAwait(false);
        if (IsAbsent(reply))
        {
            return false;
        }

        // Scripts reply only as a RespValue (Strata.Resp has no pooled-lease form of EVALSHA, unlike GetLeaseAsync),
        // so the value arrives in the reply's own array and is copied once into the destination.
        destination.Write(reply.Bytes.Span);
        return true;
    }

    private async ValueTask SetPooledAsync(string fullKey, ReadOnlySequence<byte> value, RespArgument[] arguments, CancellationToken token)
    {
        var length = checked((int)value.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            value.CopyTo(buffer);
            arguments[0] = new ReadOnlyMemory<byte>(buffer, 0, length);
            // Awaited before the buffer goes back: Strata.Resp copies arguments into its command buffer while sending,
            // and a NOSCRIPT retry sends them again, both before this completes.
            await EvaluateAsync(RedisDistributedCacheScripts.Set, fullKey, arguments, "set", token).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Task<RespValue> EvaluateAsync(RespScript script, string fullKey, RespArgument[] arguments, string operation, CancellationToken token) =>
        RunAsync(
            (Script: script, Key: fullKey, Arguments: arguments),
            static (client, state, cancellationToken) => new ValueTask<RespValue>(client.EvaluateAsync(state.Script, [state.Key], state.Arguments, cancellationToken)),
            operation,
            token);

    /// <summary>Runs one operation on the client, bounded by <see cref="RedisDistributedCacheOptions.OperationTimeout"/> for a shared client.</summary>
    private Task<TResult> RunAsync<TState, TResult>(
        TState state,
        Func<RespClient, TState, CancellationToken, ValueTask<TResult>> operation,
        string name,
        CancellationToken token)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _operationTimeout is { } timeout
            ? RunWithTimeoutAsync(state, operation, name, timeout, token)
            : operation(_client, state, token).AsTask();
    }

    private async Task<TResult> RunWithTimeoutAsync<TState, TResult>(
        TState state,
        Func<RespClient, TState, CancellationToken, ValueTask<TResult>> operation,
        string name,
        TimeSpan timeout,
        CancellationToken token)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, deadline.Token);
        try
        {
            return await operation(_client, state, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !token.IsCancellationRequested)
        {
            // One exception type for "too slow" whichever timeout fired, the shared client's own or this one.
            throw new RespTimeoutException(string.Create(
                CultureInfo.InvariantCulture,
                $"The distributed cache {name} did not complete within OperationTimeout ({timeout.TotalMilliseconds} ms)."));
        }
    }

    /// <summary>The script's arguments: data, absolute expiration as milliseconds from now (or -1), sliding milliseconds (or -1).</summary>
    private RespArgument[] ToArguments(ReadOnlyMemory<byte> value, DistributedCacheEntryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = _time.GetUtcNow();
        // Checked before the relative form, as Microsoft's caches do, so a past absolute time always throws.
        if (options.AbsoluteExpiration is { } absolute && absolute <= now)
        {
#pragma warning disable CA2208 // Same parameter name and message as Microsoft's caches: callers may match on either.
            throw new ArgumentOutOfRangeException(
                nameof(DistributedCacheEntryOptions.AbsoluteExpiration),
                absolute,
                "The absolute expiration value must be in the future.");
#pragma warning restore CA2208
        }

        var relative = options.AbsoluteExpirationRelativeToNow ?? options.AbsoluteExpiration - now;
        return
        [
            value,
            relative is { } untilAbsolute ? ToMilliseconds(untilAbsolute) : NoExpiration,
            options.SlidingExpiration is { } sliding ? ToMilliseconds(sliding) : NoExpiration,
        ];
    }

    // Rounded up, and at least 1 ms: PEXPIRE 0 would delete the entry the moment it is written.
    private static long ToMilliseconds(TimeSpan duration) => Math.Max(1, (long)Math.Ceiling(duration.TotalMilliseconds));

    // A Lua nil is a null reply; a RESP3 connection could surface Lua false as a boolean, which also means absent.
    private static bool IsAbsent(RespValue reply) => reply.IsNull || reply.Type == RespType.Boolean;

    private string FullKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _keyPrefix.Length == 0 ? key : string.Concat(_keyPrefix, key);
    }
}
