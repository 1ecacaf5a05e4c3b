namespace Strata.AspNetCore.Tests.Warmup;

/// <summary>What a test warmer does, set by the test before the host starts: signal that it started, wait for the
/// test to release it (honouring or ignoring its token), then throw or warm one cache entry.</summary>
public sealed class WarmerScript
{
    private int _invocations;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Null: the warmer does not wait.</summary>
    public TaskCompletionSource? Release { get; init; }

    public bool IgnoreCancellation { get; init; }

    public Exception? Failure { get; init; }

    public int Invocations => Volatile.Read(ref _invocations);

    internal async ValueTask RunAsync(StrataWarmupContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _invocations);
        Started.TrySetResult();
        if (Release is not null)
        {
            await (IgnoreCancellation ? Release.Task : Release.Task.WaitAsync(cancellationToken));
        }

        if (Failure is not null)
        {
            context.ReportItems(2);
            throw Failure;
        }

        await context.Cache.SetAsync($"warm:{context.WarmerName}", "warmed", new StrataEntryOptions { Duration = TimeSpan.FromMinutes(5) }, cancellationToken: cancellationToken);
        context.ReportItems();
    }
}
