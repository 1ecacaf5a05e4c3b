using System.Threading.RateLimiting;
using Strata.RateLimiting.AspNetCore.Diagnostics;

namespace Strata.RateLimiting.AspNetCore.Outgoing;

/// <summary>
/// Waits for a permit and for any upstream hold on the request's partition before sending, then turns the upstream's
/// 429/503 hints into a hold for that partition.
/// </summary>
internal sealed class OutgoingRateLimitHandler(OutgoingRateLimitState state) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var partition = state.PartitionKeyOf(request);
        // Held until the response headers are in: a concurrency limiter then counts requests actually in flight.
        using var lease = await WaitForPermitAsync(request, partition, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Observe(partition, response);
        return response;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var partition = state.PartitionKeyOf(request);
        // A synchronous caller chose to block; the waits are the same as the asynchronous path's.
        using var lease = WaitForPermitAsync(request, partition, cancellationToken).AsTask().GetAwaiter().GetResult();
        var response = base.Send(request, cancellationToken);
        Observe(partition, response);
        return response;
    }

    // Fast path: no hold and a permit at once completes synchronously, without a state machine or allocation.
    private ValueTask<RateLimitLease?> WaitForPermitAsync(HttpRequestMessage request, string partition, CancellationToken cancellationToken)
    {
        if (state.Holds.Remaining(partition) > TimeSpan.Zero)
        {
            return WaitSlowAsync(request, partition, null, cancellationToken);
        }

        if (!state.HasLimiter)
        {
            return new ValueTask<RateLimitLease?>((RateLimitLease?)null);
        }

        var lease = state.AttemptAcquire(request);
        return lease.IsAcquired
            ? new ValueTask<RateLimitLease?>(lease)
            : WaitSlowAsync(request, partition, lease, cancellationToken);
    }

    private async ValueTask<RateLimitLease?> WaitSlowAsync(
        HttpRequestMessage request, string partition, RateLimitLease? refused, CancellationToken cancellationToken)
    {
        var timeProvider = state.TimeProvider;
        var start = timeProvider.GetTimestamp();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var left = state.MaxWait - timeProvider.GetElapsedTime(start);

                var hold = state.Holds.Remaining(partition);
                if (hold > TimeSpan.Zero)
                {
                    refused?.Dispose();
                    refused = null;
                    if (hold > left)
                    {
                        // Known in advance to outlast the bound: fail now rather than wait in vain.
                        throw Exceeded(partition, hold, RateLimitExceededReason.UpstreamHold);
                    }

                    RateLimitingHttpLog.WaitingForHold(state.Logger, partition, (long)hold.TotalMilliseconds);
                    await Task.Delay(hold, timeProvider, cancellationToken).ConfigureAwait(false);
                    state.Metrics.Waited(hold, "hold");
                    continue;
                }

                if (!state.HasLimiter)
                {
                    return null;
                }

                var lease = refused ?? state.AttemptAcquire(request);
                refused = null;
                if (!lease.IsAcquired && IsUndecided(lease))
                {
                    // A Redis-backed limiter has not decided yet: ask it, even with no time left to wait (MaxWait 0),
                    // since asking is not waiting. Its round trip is bounded by its own operation timeout.
                    lease.Dispose();
                    lease = await AcquireWithinAsync(request, partition, left > TimeSpan.Zero ? left : Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                }

                if (!lease.IsAcquired && RetryAfterOf(lease) is null && !IsUndecided(lease))
                {
                    // No hint (a concurrency or queueing limiter): let the limiter queue us, within what is left.
                    lease.Dispose();
                    lease = await AcquireWithinAsync(request, partition, left, cancellationToken).ConfigureAwait(false);
                }

                if (lease.IsAcquired)
                {
                    if (state.Holds.Remaining(partition) > TimeSpan.Zero)
                    {
                        // An upstream 429 arrived while we waited for the permit: honour the hold first.
                        lease.Dispose();
                        continue;
                    }

                    return lease;
                }

                var retryAfter = RetryAfterOf(lease);
                lease.Dispose();
                if (retryAfter is not { } wait || wait > left)
                {
                    throw Exceeded(partition, retryAfter, RateLimitExceededReason.LimiterRejected);
                }

                RateLimitingHttpLog.WaitingForPermit(state.Logger, partition, (long)wait.TotalMilliseconds);
                await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
                state.Metrics.Waited(wait, "permit");
            }
        }
        finally
        {
            refused?.Dispose();
        }
    }

    private async ValueTask<RateLimitLease> AcquireWithinAsync(
        HttpRequestMessage request, string partition, TimeSpan left, CancellationToken cancellationToken)
    {
        if (left == Timeout.InfiniteTimeSpan)
        {
            return await state.AcquireAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (left <= TimeSpan.Zero)
        {
            throw Exceeded(partition, null, RateLimitExceededReason.LimiterRejected);
        }

        // The bound runs on the configured clock, like every other wait here.
        using var timeout = new CancellationTokenSource(left, state.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await state.AcquireAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Exceeded(partition, null, RateLimitExceededReason.WaitTimedOut);
        }
    }

    private static bool IsUndecided(RateLimitLease lease) =>
        lease.TryGetMetadata(StrataMetadataNames.Undecided, out var undecided) && undecided;

    private void Observe(string partition, HttpResponseMessage response)
    {
        var cap = state.MaxUpstreamHold;
        if (cap <= TimeSpan.Zero ||
            UpstreamHints.RequestedHold(response, state.TimeProvider.GetUtcNow()) is not { } requested ||
            requested <= TimeSpan.Zero)
        {
            return;
        }

        var hold = requested > cap ? cap : requested;
        state.Holds.Extend(partition, hold);
        RateLimitingHttpLog.UpstreamHold(
            state.Logger, partition, (int)response.StatusCode, requested.TotalSeconds, hold.TotalSeconds, cap.TotalSeconds);
        state.Metrics.HoldSet((int)response.StatusCode);
    }

    private RateLimitExceededException Exceeded(string partition, TimeSpan? retryAfter, RateLimitExceededReason reason)
    {
        RateLimitingHttpLog.PermitWaitExceeded(state.Logger, partition, (long)state.MaxWait.TotalMilliseconds, reason.ToString());
        state.Metrics.Exceeded(reason);
        return new RateLimitExceededException(partition, state.MaxWait, retryAfter, reason);
    }

    private static TimeSpan? RetryAfterOf(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : null;
}
