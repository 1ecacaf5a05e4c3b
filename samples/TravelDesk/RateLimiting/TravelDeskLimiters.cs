using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Strata.RateLimiting;
using Strata.Resp;
using TravelDesk.Configuration;

namespace TravelDesk.RateLimiting;

/// <summary>
/// TravelDesk's two limiters: searches sent to the supplier (a sliding-window log, exact, so the supplier's own
/// 120/min is never hit) and each API key's daily search quota (Kessan's <c>api_quota:{user}:daily</c>, a calendar
/// quota). With <c>Strata:Redis</c> both live in Redis and every instance shares them; otherwise they are per process.
/// </summary>
public sealed class TravelDeskLimiters : IAsyncDisposable
{
    /// <summary>The one partition of <see cref="SupplierSearches"/>: the supplier counts all searches together.</summary>
    public const string SupplierPartition = "supplier:search";

    private readonly RespClient? _redis;

    public TravelDeskLimiters(IOptions<TravelDeskOptions> options, IConfiguration configuration, TimeProvider time, IMeterFactory meters, ILoggerFactory logs)
    {
        var settings = options.Value;
        var redisUrl = configuration[TravelDeskApplication.RedisSetting];
        _redis = string.IsNullOrWhiteSpace(redisUrl) ? null : RespClient.Create(RespClientOptions.Parse(redisUrl));

        var searches = new SlidingWindowLogRateLimiterOptions
        {
            PolicyName = "supplier-search",
            PermitLimit = settings.Supplier.SearchesPerMinute,
            Window = TimeSpan.FromMinutes(1),
            // No queue in the limiter: the outgoing handler waits for the exact retry-after itself, bounded by
            // TravelDesk:Supplier:MaxWait, and a Redis decision then never waits in a local queue.
            QueueLimit = 0,
            TimeProvider = time,
            MeterFactory = meters,
            LoggerFactory = logs,
        };
        var quota = new QuotaRateLimiterOptions
        {
            PolicyName = "search-quota",
            PermitLimit = settings.Quota.SearchesPerDay,
            Period = QuotaPeriod.Day,
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(settings.Quota.TimeZone),
            TimeProvider = time,
            MeterFactory = meters,
            LoggerFactory = logs,
        };

        if (_redis is null)
        {
            SupplierSearches = StrataRateLimiter.CreateSlidingWindowLog(searches);
            SearchQuota = StrataRateLimiter.CreateQuota(quota);
        }
        else
        {
            // If Redis fails, each instance keeps a local share of the supplier limit (two instances assumed), and
            // quotas stay open: refusing paying users because our Redis is down would be the wrong trade.
            SupplierSearches = StrataRateLimiter.CreateSlidingWindowLog(searches, new RedisRateLimiterOptions
            {
                Client = _redis,
                KeyPrefix = "traveldesk:rl:",
                FailurePolicy = RedisFailurePolicy.FallbackToLocal,
                ExpectedNodeCount = 2,
            });
            SearchQuota = StrataRateLimiter.CreateQuota(quota, new RedisRateLimiterOptions
            {
                Client = _redis,
                KeyPrefix = "traveldesk:rl:",
                FailurePolicy = RedisFailurePolicy.FailOpen,
            });
        }
    }

    public StrataPartitionedRateLimiter SupplierSearches { get; }

    public StrataPartitionedRateLimiter SearchQuota { get; }

    public bool IsDistributed => _redis is not null;

    public async ValueTask DisposeAsync()
    {
        SupplierSearches.Dispose();
        SearchQuota.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync().ConfigureAwait(false);
        }
    }
}
