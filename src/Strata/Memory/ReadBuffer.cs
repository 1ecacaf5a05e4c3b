using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Strata.Memory;

/// <summary>
/// A striped, lossy, bounded multi-producer / single-consumer buffer of read events, after Caffeine's
/// <c>BoundedBuffer</c>: reads only need to be recorded approximately, so a reader claims a slot with one CAS in its
/// thread's stripe and, if the stripe is full or the CAS loses a race, simply drops the event instead of waiting.
/// The policy drains it under its lock (one consumer at a time).
/// </summary>
/// <remarks>
/// Each stripe is a 16-slot ring (Caffeine's ring size). The stripe counters live in one array, 128 bytes apart, so
/// that threads writing different stripes do not false-share a cache line. Caffeine grows stripes on contention; a
/// fixed count of four per core (its maximum) is simpler and costs a few hundred bytes per tier.
/// </remarks>
internal sealed class ReadBuffer<T>
    where T : class
{
    private const int StripeCapacity = 16;
    private const int StripeMask = StripeCapacity - 1;

    // 16 longs = 128 bytes per stripe: the write counter at +0, the read counter at +8 (64 bytes apart).
    private const int CounterStride = 16;
    private const int ReadCounterOffset = 8;

    private readonly T?[] _slots;
    private readonly long[] _counters;
    private readonly int _stripeMask;

    public ReadBuffer()
        : this(Math.Min(64, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount) * 4))
    {
    }

    public ReadBuffer(int stripes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stripes);
        if (!System.Numerics.BitOperations.IsPow2(stripes))
        {
            throw new ArgumentOutOfRangeException(nameof(stripes), stripes, "The stripe count must be a power of two.");
        }

        _stripeMask = stripes - 1;
        _slots = new T?[stripes * StripeCapacity];
        _counters = new long[(stripes * CounterStride) + ReadCounterOffset];
    }

    /// <summary>
    /// Records an event. Returns false only when the caller's stripe is full (the event is dropped and the buffer
    /// wants draining); an event lost to a concurrent writer is dropped silently and reported as recorded.
    /// </summary>
    public bool TryAdd(T item)
    {
        // Managed thread ids are small and sequential, so the low bits already separate concurrent threads.
        var stripe = Environment.CurrentManagedThreadId & _stripeMask;

        // Element refs through GetArrayDataReference: the indexes are masked into range, and it skips the covariance
        // check a T[] element ref costs in shared generic code (a measurable part of a ~10 ns operation).
        ref var write = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_counters), stripe * CounterStride);
        var head = Volatile.Read(ref Unsafe.Add(ref write, ReadCounterOffset));
        var tail = Volatile.Read(ref write);
        if (tail - head >= StripeCapacity)
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref write, tail + 1, tail) == tail)
        {
            Volatile.Write(ref SlotAt(stripe, tail), item);
        }

        return true;
    }

    /// <summary>Hands every published event to <paramref name="consumer"/>. Single consumer: call under the policy lock.</summary>
    public void Drain<TConsumer>(TConsumer consumer)
        where TConsumer : struct, IReadBufferConsumer<T>
    {
        for (var stripe = 0; stripe <= _stripeMask; stripe++)
        {
            var writeIndex = stripe * CounterStride;
            var readIndex = writeIndex + ReadCounterOffset;
            var head = _counters[readIndex];
            var tail = Volatile.Read(ref _counters[writeIndex]);
            if (head == tail)
            {
                continue;
            }

            var start = head;
            for (; head != tail; head++)
            {
                ref var slot = ref SlotAt(stripe, head);
                var item = Volatile.Read(ref slot);
                if (item is null)
                {
                    // Claimed but not yet published: stop here and pick it up on the next drain.
                    break;
                }

                slot = null;
                consumer.Consume(item);
            }

            if (head != start)
            {
                Volatile.Write(ref _counters[readIndex], head);
            }
        }
    }

    private ref T? SlotAt(int stripe, long sequence) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), (stripe * StripeCapacity) + (int)(sequence & StripeMask));
}
