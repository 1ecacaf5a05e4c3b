using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Strata.RateLimiting.AspNetCore.Diagnostics;

namespace Strata.RateLimiting.AspNetCore.Outgoing;

/// <summary>
/// Everything one named client's throttle shares across its (recycled) handlers: a snapshot of the options, the
/// limiter and the upstream holds.
/// </summary>
internal sealed class OutgoingRateLimitState
{
    private readonly RateLimiter? _limiter;
    private readonly PartitionedRateLimiter<HttpRequestMessage>? _partitionedLimiter;
    private readonly Func<HttpRequestMessage, string> _partitionKeySelector;

    private OutgoingRateLimitState(
        string clientName,
        RateLimiter? limiter,
        PartitionedRateLimiter<HttpRequestMessage>? partitionedLimiter,
        Func<HttpRequestMessage, string> partitionKeySelector,
        TimeSpan maxWait,
        TimeSpan maxUpstreamHold,
        TimeProvider timeProvider,
        ILogger logger,
        HttpClientRateLimitMetrics metrics)
    {
        ClientName = clientName;
        _limiter = limiter;
        _partitionedLimiter = partitionedLimiter;
        _partitionKeySelector = partitionKeySelector;
        MaxWait = maxWait;
        MaxUpstreamHold = maxUpstreamHold;
        TimeProvider = timeProvider;
        Logger = logger;
        Metrics = metrics;
        Holds = new PartitionHolds(timeProvider);
    }

    public string ClientName { get; }

    public bool HasLimiter => _limiter is not null || _partitionedLimiter is not null;

    public TimeSpan MaxWait { get; }

    public TimeSpan MaxUpstreamHold { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public HttpClientRateLimitMetrics Metrics { get; }

    public PartitionHolds Holds { get; }

    public static OutgoingRateLimitState Create(IServiceProvider services, string clientName)
    {
        // Get(name) runs the validators, so bad options fail here with an OptionsValidationException naming them.
        var options = services.GetRequiredService<IOptionsMonitor<HttpClientRateLimitOptions>>().Get(clientName);
        var partitioned = options.PartitionedLimiter;
        if (options.LimiterFactory is { } factory)
        {
            partitioned = factory(services) ?? throw new InvalidOperationException(
                $"HttpClient '{clientName}': HttpClientRateLimitOptions.LimiterFactory returned null.");
        }

        var timeProvider = options.TimeProvider ?? services.GetService<TimeProvider>() ?? TimeProvider.System;
        var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        return new OutgoingRateLimitState(
            clientName,
            options.Limiter,
            partitioned,
            options.PartitionKeySelector,
            options.MaxWait,
            options.MaxUpstreamHold,
            timeProvider,
            loggerFactory.CreateLogger("Strata.RateLimiting.AspNetCore.HttpClient"),
            new HttpClientRateLimitMetrics(services.GetService<IMeterFactory>(), clientName));
    }

    public string PartitionKeyOf(HttpRequestMessage request) =>
        _partitionKeySelector(request) ?? throw new InvalidOperationException(
            $"HttpClient '{ClientName}': HttpClientRateLimitOptions.PartitionKeySelector returned null.");

    public RateLimitLease AttemptAcquire(HttpRequestMessage request) =>
        _limiter is not null ? _limiter.AttemptAcquire() : _partitionedLimiter!.AttemptAcquire(request);

    public ValueTask<RateLimitLease> AcquireAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _limiter is not null
            ? _limiter.AcquireAsync(1, cancellationToken)
            : _partitionedLimiter!.AcquireAsync(request, 1, cancellationToken);
}
