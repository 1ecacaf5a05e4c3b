using Strata.Memory;

namespace Strata.Tests.Memory;

/// <summary>Adapts a delegate to the read buffer's struct consumer, for tests that inspect what a drain delivers.</summary>
internal readonly struct DelegateConsumer<T>(Action<T> action) : IReadBufferConsumer<T>
    where T : class
{
    public void Consume(T item) => action(item);
}
