namespace Strata.Memory;

/// <summary>
/// Receives the events a <see cref="ReadBuffer{T}"/> drains. Implemented by a struct so the drain loop calls it
/// directly (no delegate or interface dispatch per event: the policy replays every read through it).
/// </summary>
internal interface IReadBufferConsumer<in T>
    where T : class
{
    void Consume(T item);
}
