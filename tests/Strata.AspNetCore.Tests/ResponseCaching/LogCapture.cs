using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>Captures log events so a test can await one (a background revalidation finishing) instead of sleeping.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(int EventId, string Message)> _events = new();
    private readonly List<(int EventId, TaskCompletionSource<string> Waiter)> _waiters = [];
    private readonly Lock _gate = new();

    public IReadOnlyCollection<(int EventId, string Message)> Events => _events;

    /// <summary>Completes with the message of the next event <paramref name="eventId"/> logged after this call.</summary>
    public Task<string> NextAsync(int eventId)
    {
        var waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((eventId, waiter));
        }

        return waiter.Task;
    }

    public ILogger CreateLogger(string categoryName) => new CaptureLogger(this);

    public void Dispose()
    {
    }

    private void Add(int eventId, string message)
    {
        _events.Enqueue((eventId, message));
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].EventId == eventId)
                {
                    _waiters[i].Waiter.TrySetResult(message);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private sealed class CaptureLogger(LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(eventId.Id, formatter(state, exception));
    }
}
