namespace Strata.Memory;

/// <summary>Replays drained read events against the tier's policy (see <see cref="IReadBufferConsumer{T}"/>).</summary>
internal readonly struct AccessReplay<TKey, TValue>(MemoryTier<TKey, TValue> tier) : IReadBufferConsumer<Node<TKey, TValue>>
    where TKey : notnull
    where TValue : class
{
    public void Consume(Node<TKey, TValue> item) => tier.OnAccess(item);
}
