using System.Collections.Concurrent;

namespace Strata.Redis.Coherence;

/// <summary>
/// Drops the tracking notifications of this node's own script writes. NOLOOP hides a connection's own plain writes,
/// but Redis 7.0 attributes a script's writes to the script, so they come back. Each script write that is certain to
/// modify a key once is expected here before it is sent, and the first notification of that key is taken as its echo.
/// That mirrors NOLOOP itself: Redis merges several changes of one key within one event-loop cycle into one
/// notification, so a change by another node in the same instant is, as with NOLOOP, folded into ours.
/// </summary>
internal sealed class EchoFilter
{
    private readonly ConcurrentDictionary<string, int> _expected = new(StringComparer.Ordinal);

    public bool IsEmpty => _expected.IsEmpty;

    public void Expect(string key) => _expected.AddOrUpdate(key, 1, static (_, count) => count + 1);

    /// <summary>Gives up an expectation whose write may not have happened (the call failed): hearing the change after
    /// all only costs an extra invalidation, while a wrong expectation would swallow another node's change.</summary>
    public void Forget(string key) => TryConsume(key);

    /// <summary>True when <paramref name="key"/> was expected (the notification is our echo and is dropped).</summary>
    public bool TryConsume(string key)
    {
        while (_expected.TryGetValue(key, out var count))
        {
            if (count == 1
                ? _expected.TryRemove(new KeyValuePair<string, int>(key, 1))
                : _expected.TryUpdate(key, count - 1, count))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>After a lost connection the echoes of earlier writes may never come.</summary>
    public void Clear() => _expected.Clear();
}
