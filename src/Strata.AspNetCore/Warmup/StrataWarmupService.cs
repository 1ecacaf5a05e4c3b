using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Warmup;

/// <summary>
/// Runs warmers — at most <see cref="StrataWarmupOptions.MaxConcurrency"/> at a time, each on the thread pool with its
/// own service scope and a <see cref="StrataWarmupOptions.Timeout"/> on the cache's clock — and keeps their status.
/// A run never throws: exceptions become <see cref="StrataWarmupState.Failed"/>, overruns
/// <see cref="StrataWarmupState.TimedOut"/>. A warmer that ignores its token is abandoned, not awaited.
/// </summary>
internal sealed class StrataWarmupService : IStrataWarmup, IDisposable
{
    private readonly WarmerSlot[] _slots;
    private readonly IServiceScopeFactory _scopes;
    private readonly StrataCache _cache;
    private readonly StrataWarmupOptions _options;
    private readonly TimeProvider _time;
    private readonly WarmupMetrics _metrics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _concurrency;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _startup = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _startupBegun;

    public StrataWarmupService(
        IEnumerable<IStrataWarmer> warmers,
        IServiceScopeFactory scopes,
        StrataCache cache,
        IOptions<StrataWarmupOptions> options,
        TimeProvider time,
        WarmupMetrics metrics,
        IServiceProvider services)
    {
        _scopes = scopes;
        _cache = cache;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Strata.AspNetCore.Warmup");
        _concurrency = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);

        var slots = new List<WarmerSlot>();
        foreach (var warmer in warmers)
        {
            var name = warmer.Name;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new InvalidOperationException($"The warmer {warmer.GetType().FullName} has an empty Name; every warmer needs a unique name.");
            }

            if (slots.Find(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) is { } twin)
            {
                throw new InvalidOperationException(
                    $"Two warmers are named '{name}': {twin.Warmer.GetType().FullName} and {warmer.GetType().FullName}. Warmer names must be unique (case-insensitive).");
            }

            slots.Add(new WarmerSlot(warmer, name));
        }

        _slots = [.. slots];
        if (!_options.RunAtStartup || _slots.Length == 0)
        {
            _startup.TrySetResult();
        }
    }

    public StrataWarmupStatus Status => new()
    {
        StartupCompleted = _startup.Task.IsCompleted,
        Warmers = [.. _slots.Select(static s => s.Snapshot())],
    };

    /// <summary>Completes when the start-up run has ended (or at once when there is none).</summary>
    internal Task StartupCompletion => _startup.Task;

    public Task<StrataWarmupReport> RunAsync(string? warmerName = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<WarmerSlot> slots = warmerName is null ? _slots : [Find(warmerName)];
        return RunCoreAsync(slots, StrataWarmupTrigger.OnDemand).WaitAsync(cancellationToken);
    }

    /// <summary>The run of <paramref name="warmerName"/> in progress, or null (for tests).</summary>
    internal Task<StrataWarmerStatus>? RunningTask(string warmerName) => Find(warmerName).Running;

    /// <summary>Starts the start-up run in the background (once); the caller does not wait for it.</summary>
    internal void BeginStartupRun()
    {
        if (_startup.Task.IsCompleted || Interlocked.Exchange(ref _startupBegun, 1) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var report = await RunCoreAsync(_slots, StrataWarmupTrigger.Startup).ConfigureAwait(false);
                WarmupLog.StartupFinished(_logger, report.Warmers.Count(static w => w.LastOutcome == StrataWarmupState.Succeeded), report.Warmers.Count);
            }
#pragma warning disable CA1031 // Warm-up must never take the host down; readiness then stops waiting.
            catch (Exception error)
#pragma warning restore CA1031
            {
                WarmupLog.RunFailed(_logger, StrataWarmupTrigger.Startup, error);
            }
            finally
            {
                _startup.TrySetResult();
            }
        });
    }

    /// <summary>The schedule's tick: starts a run of every warmer not already running, without waiting for it.</summary>
    internal void BeginScheduledRun() => _ = RunScheduledAsync();

    /// <summary>Cancels runs in progress (the host is stopping); later runs end at once as failed.</summary>
    internal void Stop()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing runs any more.
        }
    }

    public void Dispose()
    {
        Stop();
        _stopping.Dispose();
        _concurrency.Dispose();
    }

    private WarmerSlot Find(string name)
    {
        foreach (var slot in _slots)
        {
            if (string.Equals(slot.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return slot;
            }
        }

        var known = _slots.Length == 0 ? "(none)" : string.Join(", ", _slots.Select(static s => s.Name).Order(StringComparer.OrdinalIgnoreCase));
        throw new KeyNotFoundException($"Unknown warmer '{name}'. Known warmers: {known}.");
    }

    private async Task RunScheduledAsync()
    {
        try
        {
            await RunCoreAsync(_slots, StrataWarmupTrigger.Scheduled).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A timer callback must never throw.
        catch (Exception error)
#pragma warning restore CA1031
        {
            WarmupLog.RunFailed(_logger, StrataWarmupTrigger.Scheduled, error);
        }
    }

    private async Task<StrataWarmupReport> RunCoreAsync(IReadOnlyList<WarmerSlot> slots, StrataWarmupTrigger trigger)
    {
        var runs = new Task<StrataWarmerStatus>[slots.Count];
        for (var i = 0; i < runs.Length; i++)
        {
            var slot = slots[i];
            if (slot.TryBegin(out runs[i]))
            {
                _ = RunOneAsync(slot, trigger);
            }
        }

        return new StrataWarmupReport { Warmers = await Task.WhenAll(runs).ConfigureAwait(false) };
    }

    private async Task RunOneAsync(WarmerSlot slot, StrataWarmupTrigger trigger)
    {
        try
        {
            await _concurrency.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            slot.Finish(StrataWarmupState.Failed, "The host stopped before the run could start.", _time.GetUtcNow(), TimeSpan.Zero);
            return;
        }
        catch (ObjectDisposedException)
        {
            slot.Finish(StrataWarmupState.Failed, "The host stopped before the run could start.", _time.GetUtcNow(), TimeSpan.Zero);
            return;
        }

        try
        {
            await ExecuteAsync(slot, trigger).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever happens, the slot is freed and every waiter gets a status.
        catch (Exception error)
#pragma warning restore CA1031
        {
            WarmupLog.Failed(_logger, slot.Name, trigger, 0, error);
            slot.Finish(StrataWarmupState.Failed, error.Message, _time.GetUtcNow(), TimeSpan.Zero);
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private async Task ExecuteAsync(WarmerSlot slot, StrataWarmupTrigger trigger)
    {
        var scope = _scopes.CreateAsyncScope();
        var context = new StrataWarmupContext(slot.Name, trigger, _cache, scope.ServiceProvider);
        var started = _time.GetTimestamp();
        slot.Started(context, trigger, _time.GetUtcNow());
        WarmupLog.Started(_logger, slot.Name, trigger);

        // The timeout's timer exists before the warmer runs, so a clock advanced once the warmer is running fires it.
        var timeout = new CancellationTokenSource(_options.Timeout, _time);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
        // On the thread pool: a warmer that blocks before its first await must not hold up start-up or a timer tick.
        var work = Task.Run(() => slot.Warmer.WarmAsync(context, linked.Token).AsTask(), CancellationToken.None);
        StrataWarmupState outcome;
        string? message = null;
        try
        {
            // Waits for the warmer or the token, whichever is first: a warmer that ignores its token is not awaited.
            await work.WaitAsync(linked.Token).ConfigureAwait(false);
            outcome = StrataWarmupState.Succeeded;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            outcome = StrataWarmupState.TimedOut;
            message = $"Did not finish within {FormatDuration(_options.Timeout)}.";
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            outcome = StrataWarmupState.Failed;
            message = "The host stopped before the run finished.";
        }
#pragma warning disable CA1031 // A warmer's failure is its status, never the host's.
        catch (Exception error)
#pragma warning restore CA1031
        {
            outcome = StrataWarmupState.Failed;
            message = error.Message;
            WarmupLog.Failed(_logger, slot.Name, trigger, context.ItemsWarmed, error);
        }

        var elapsed = _time.GetElapsedTime(started);
        if (outcome == StrataWarmupState.Succeeded)
        {
            WarmupLog.Succeeded(_logger, slot.Name, trigger, context.ItemsWarmed, (long)elapsed.TotalMilliseconds);
        }
        else if (outcome == StrataWarmupState.TimedOut)
        {
            WarmupLog.TimedOut(_logger, slot.Name, trigger, (long)_options.Timeout.TotalMilliseconds, context.ItemsWarmed);
        }

        _metrics.Completed(slot.Name, outcome, elapsed);
        if (work.IsCompleted)
        {
            await ReleaseAsync(scope, linked, timeout).ConfigureAwait(false);
        }
        else
        {
            // Abandoned: its scope and token stay valid until it returns.
            WarmupLog.StillRunning(_logger, slot.Name);
            _ = ReleaseWhenDoneAsync(work, scope, linked, timeout);
        }

        slot.Finish(outcome, message, _time.GetUtcNow(), elapsed);
    }

    private static async Task ReleaseWhenDoneAsync(Task work, AsyncServiceScope scope, CancellationTokenSource linked, CancellationTokenSource timeout)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Its run was already reported; this only observes the late outcome.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        await ReleaseAsync(scope, linked, timeout).ConfigureAwait(false);
    }

    private static async ValueTask ReleaseAsync(AsyncServiceScope scope, CancellationTokenSource linked, CancellationTokenSource timeout)
    {
        linked.Dispose();
        timeout.Dispose();
        await scope.DisposeAsync().ConfigureAwait(false);
    }

    private static string FormatDuration(TimeSpan value) =>
        value.TotalSeconds >= 1 && value.Milliseconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###} s")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.###} ms");
}
