using Microsoft.Extensions.Logging;
using Strata.RateLimiting.Diagnostics;
using Strata.RateLimiting.Redis;
using Strata.Resp;

namespace Strata.RateLimiting.Concurrency;

/// <summary>
/// An acquired Redis concurrency lease: renews its members every third of the time to live while held (so only a dead
/// or frozen holder's lease lapses) and removes them on dispose. Dispose is synchronous by contract, so the release is
/// sent without waiting; if it is lost, the time to live frees the permits.
/// </summary>
internal sealed class RedisConcurrencyLease : IDisposable
{
    private readonly RedisStore _store;
    private readonly string _key;
    private readonly RespArgument[] _renewArguments;
    private readonly RespArgument[] _releaseArguments;
    private readonly ILogger _logger;
    private readonly ITimer _renewal;
    private int _renewing;
    private int _disposed;

    public RedisConcurrencyLease(RedisStore store, string key, string leaseId, int permits, TimeSpan timeToLive, TimeProvider time, ILogger logger)
    {
        _store = store;
        _key = key;
        _logger = logger;
        _renewArguments = [timeToLive.Ticks / TimeSpan.TicksPerMicrosecond, permits, leaseId];
        _releaseArguments = [permits, leaseId];
        var period = timeToLive / 3;
        _renewal = time.CreateTimer(static state => ((RedisConcurrencyLease)state!).Renew(), this, period, period);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _renewal.Dispose();
        _ = ReleaseAsync();
    }

    private void Renew()
    {
        // A slow renewal must not pile up behind itself.
        if (Volatile.Read(ref _disposed) == 0 && Interlocked.CompareExchange(ref _renewing, 1, 0) == 0)
        {
            _ = RenewAsync();
        }
    }

    private async Task RenewAsync()
    {
        try
        {
            var renewed = await _store.EvaluateAsync(ConcurrencyRedisScripts.Renew, _key, _renewArguments, CancellationToken.None).ConfigureAwait(false);
            if (renewed.AsInt64() == 0 && Volatile.Read(ref _disposed) == 0)
            {
                RateLimitingLog.LeaseLapsed(_logger, _store.Policy);
                _renewal.Dispose();
            }
        }
        catch (Exception exception) when (exception is RespException or ObjectDisposedException or InvalidCastException)
        {
            RateLimitingLog.LeaseRenewalFailed(_logger, _store.Policy, exception);
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    private async Task ReleaseAsync()
    {
        try
        {
            await _store.EvaluateAsync(ConcurrencyRedisScripts.Release, _key, _releaseArguments, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RespException or ObjectDisposedException)
        {
            RateLimitingLog.LeaseReleaseFailed(_logger, _store.Policy, exception);
        }
    }
}
