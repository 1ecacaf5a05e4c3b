using Strata.Resp.Commands;
using Strata.Resp.Replies;

namespace Strata.Resp;

public sealed partial class RespClient
{
    /// <summary><c>GET key</c> as UTF-8 text; <c>null</c> when the key does not exist.</summary>
    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return SendAsync<KeyCommand, string?, StringParser>(new KeyCommand(CommandName.Get, key), cancellationToken);
    }

    /// <summary><c>GET key</c> as a new byte array; <c>null</c> when the key does not exist.</summary>
    public ValueTask<byte[]?> GetBytesAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return SendAsync<KeyCommand, byte[]?, BytesParser>(new KeyCommand(CommandName.Get, key), cancellationToken);
    }

    /// <summary>
    /// <c>GET key</c> into a pooled buffer (dispose the lease when done): the allocation-free read.
    /// <c>null</c> when the key does not exist.
    /// </summary>
    public ValueTask<RespLease?> GetLeaseAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return SendAsync<KeyCommand, RespLease?, LeaseParser>(new KeyCommand(CommandName.Get, key), cancellationToken);
    }

    /// <summary>
    /// <c>SET key value [PX ms] [NX|XX]</c>. Returns whether the value was written (always true for
    /// <see cref="RespSetCondition.Always"/>; false when the NX/XX condition did not hold).
    /// </summary>
    /// <exception cref="ArgumentException">The key is empty, the expiry is not positive, or the value exceeds MaxValueLength.</exception>
    public ValueTask<bool> SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? expiry = null, RespSetCondition condition = RespSetCondition.Always, CancellationToken cancellationToken = default)
    {
        CheckSet(key, value.Length, expiry);
        return SendAsync<SetCommand, bool, OkParser>(new SetCommand(key, value, null, expiry, condition, returnOldValue: false), cancellationToken);
    }

    /// <summary><c>SET key value [PX ms] [NX|XX]</c> with a UTF-8 text value.</summary>
    /// <exception cref="ArgumentException">The key is empty, the expiry is not positive, or the value exceeds MaxValueLength.</exception>
    public ValueTask<bool> SetAsync(string key, string value, TimeSpan? expiry = null, RespSetCondition condition = RespSetCondition.Always, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        CheckSet(key, System.Text.Encoding.UTF8.GetByteCount(value), expiry);
        return SendAsync<SetCommand, bool, OkParser>(new SetCommand(key, default, value, expiry, condition, returnOldValue: false), cancellationToken);
    }

    /// <summary>
    /// <c>SET key value GET [PX ms] [NX|XX]</c>: writes and returns the previous value (<c>null</c> when there was none).
    /// </summary>
    public ValueTask<byte[]?> SetAndGetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? expiry = null, RespSetCondition condition = RespSetCondition.Always, CancellationToken cancellationToken = default)
    {
        CheckSet(key, value.Length, expiry);
        return SendAsync<SetCommand, byte[]?, BytesParser>(new SetCommand(key, value, null, expiry, condition, returnOldValue: true), cancellationToken);
    }

    /// <summary><c>MGET key...</c> as text: one element per key, <c>null</c> for missing keys.</summary>
    public ValueTask<string?[]> MGetAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var array = CheckKeys(keys);
        if (_cluster is not null && GroupBySlot(array) is { } groups)
        {
            return SendSplitMGetAsync<string, StringArrayParser>(array, groups, cancellationToken);
        }

        return SendAsync<KeysCommand, string?[], StringArrayParser>(new KeysCommand(CommandName.MGet, array), cancellationToken);
    }

    /// <summary><c>MGET key...</c> as bytes: one element per key, <c>null</c> for missing keys.</summary>
    public ValueTask<byte[]?[]> MGetBytesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var array = CheckKeys(keys);
        if (_cluster is not null && GroupBySlot(array) is { } groups)
        {
            return SendSplitMGetAsync<byte[], BytesArrayParser>(array, groups, cancellationToken);
        }

        return SendAsync<KeysCommand, byte[]?[], BytesArrayParser>(new KeysCommand(CommandName.MGet, array), cancellationToken);
    }

    /// <summary>
    /// <c>MSET key value...</c>: writes every pair atomically. In a cluster, pairs in different slots are sent as one
    /// MSET per slot, so atomicity holds per slot only.
    /// </summary>
    public ValueTask MSetAsync(IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("MSET needs at least one key/value pair.", nameof(pairs));
        }

        var copy = pairs.ToArray();
        foreach (var pair in copy)
        {
            CheckKey(pair.Key, nameof(pairs));
            CheckValueLength(pair.Value.Length, "key", pair.Key);
        }

        if (_cluster is not null && GroupBySlot(copy.Select(static p => p.Key).ToArray()) is { } groups)
        {
            return SendSplitMSetAsync(copy, groups, cancellationToken);
        }

        return Ignore(SendAsync<MSetCommand, bool, OkParser>(new MSetCommand(copy), cancellationToken));
    }

    /// <summary><c>INCR key</c>: adds one and returns the new value.</summary>
    public ValueTask<long> IncrAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return SendAsync<KeyCommand, long, Int64Parser>(new KeyCommand(CommandName.Incr, key), cancellationToken);
    }

    /// <summary><c>INCRBY key increment</c>: adds <paramref name="increment"/> and returns the new value.</summary>
    public ValueTask<long> IncrByAsync(string key, long increment, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return SendAsync<KeyCommand, long, Int64Parser>(new KeyCommand(CommandName.IncrBy, key, increment), cancellationToken);
    }

    private void CheckSet(string key, int valueLength, TimeSpan? expiry)
    {
        CheckKey(key);
        CheckValueLength(valueLength, "key", key);
        if (expiry is { } value && value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(expiry), value, "The expiry must be positive; nothing was sent.");
        }
    }

    private static string[] CheckKeys(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("At least one key is required.", nameof(keys));
        }

        var copy = keys.ToArray();
        foreach (var key in copy)
        {
            CheckKey(key, nameof(keys));
        }

        return copy;
    }

    private static async ValueTask Ignore<T>(ValueTask<T> task) => await task.ConfigureAwait(false);
}
