namespace Strata.Conformance;

/// <summary>
/// An append-only log of keys that tests can await: "has a key matching this been logged (since position n)?".
/// Lets a test wait for an event (a write reaching L2, a change notification reaching a node) instead of guessing a
/// delay, whether the event happens synchronously (in memory) or on another thread (a server connection).
/// </summary>
public sealed class KeyLog
{
    /// <summary>How long a test waits for an event before failing: a hang guard, never a timing assertion.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<string> _keys = [];
    private readonly List<(Func<string, bool> Match, int Since, TaskCompletionSource Logged)> _waiters = [];

    /// <summary>The keys logged so far, in order.</summary>
    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_gate)
            {
                return [.. _keys];
            }
        }
    }

    /// <summary>How many keys were logged so far: a position for <see cref="WaitAsync"/>.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }

    public void Add(string key)
    {
        List<TaskCompletionSource>? release = null;
        lock (_gate)
        {
            _keys.Add(key);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(key))
                {
                    (release ??= []).Add(_waiters[i].Logged);
                    _waiters.RemoveAt(i);
                }
            }
        }

        release?.ForEach(static l => l.TrySetResult());
    }

    /// <summary>Completes when a key matching <paramref name="match"/> is (or was) logged at or after position
    /// <paramref name="since"/>; throws <see cref="TimeoutException"/> after <see cref="WaitLimit"/>.</summary>
    public async Task WaitAsync(Func<string, bool> match, string description, int since = 0)
    {
        ArgumentNullException.ThrowIfNull(match);
        TaskCompletionSource logged;
        lock (_gate)
        {
            for (var i = since; i < _keys.Count; i++)
            {
                if (match(_keys[i]))
                {
                    return;
                }
            }

            logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, since, logged));
        }

        try
        {
            await logged.Task.WaitAsync(WaitLimit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{description} did not happen within {WaitLimit}; logged: [{string.Join(", ", Keys)}].");
        }
    }
}
