using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// Stale-while-revalidate: at most one background revalidation per key on this node. The request that finds a stale
/// response is snapshotted synchronously (<see cref="RevalidationRequest"/>); the endpoint then runs again on a
/// synthetic context with its own DI scope and a buffered body, never touching the original request. A cacheable
/// result replaces the stale response — unless that response was invalidated or replaced meanwhile (the newer state
/// wins); a failure (5xx, an exception) leaves the stale response in place.
/// </summary>
internal sealed class ResponseRevalidator
{
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;

    public ResponseRevalidator(IServiceScopeFactory scopes, TimeProvider time, ILogger logger, IHostApplicationLifetime? lifetime)
    {
        _scopes = scopes;
        _time = time;
        _logger = logger;
        _stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
    }

    /// <summary>How many revalidations are running (for tests and diagnostics).</summary>
    public int Running => _running.Count;

    /// <summary>Starts revalidating <paramref name="key"/> unless a revalidation of it already runs here.</summary>
    public bool TryStart(HttpContext context, EndpointPlan plan, string key, CachedResponse current, RequestDelegate next)
    {
        var slot = plan.Cache.NamespaceName + "\n" + key;
        if (!_running.TryAdd(slot, 0))
        {
            return false;
        }

        RevalidationRequest request;
        try
        {
            request = RevalidationRequest.Capture(context, plan, key, current, next);
        }
        catch
        {
            _running.TryRemove(slot, out _);
            throw;
        }

        ResponseCachingLog.RevalidationStarted(_logger, key);
        _ = Task.Run(() => RunAsync(request, slot));
        return true;
    }

    private async Task RunAsync(RevalidationRequest request, string slot)
    {
        var outcome = "failed";
        try
        {
            outcome = await RevalidateAsync(request).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // Background work: nobody else would see the error.
            ResponseCachingLog.RevalidationFailed(_logger, request.Key, error);
        }
        finally
        {
            _running.TryRemove(slot, out _);
            ResponseCachingLog.RevalidationFinished(_logger, request.Key, outcome);
        }
    }

    private async Task<string> RevalidateAsync(RevalidationRequest request)
    {
        var plan = request.Plan;
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = request.CreateContext(scope.ServiceProvider, _stopping);
            using var capture = new ResponseCaptureStream(inner: null, context, plan.MaximumBodySize);
            context.Features.Set<IHttpResponseBodyFeature>(capture);

            // Code reading IHttpContextAccessor sees this request; the accessor is async-local, so only this flow.
            var accessor = scope.ServiceProvider.GetService<IHttpContextAccessor>();
            if (accessor is not null)
            {
                accessor.HttpContext = context;
            }

            try
            {
                await request.Next(context).ConfigureAwait(false);
                await capture.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception error)
            {
                ResponseCachingLog.RevalidationFailed(_logger, request.Key, error);
                return "failed: the endpoint threw";
            }
            finally
            {
                if (accessor is not null)
                {
                    accessor.HttpContext = null;
                }
            }

            var status = context.Response.StatusCode;
            if (status >= 500 && !plan.StoresStatus(status))
            {
                ResponseCachingLog.RevalidationFailed(_logger, request.Key, null);
                return $"failed: status {status}";
            }

            if (capture.Overflowed)
            {
                return "not stored: the body is larger than the policy's maximum";
            }

            if (StoredResponses.WhyNotStorable(context, plan) is { } reason)
            {
                return "not stored: " + reason;
            }

            var response = StoredResponses.Create(context, plan, capture.Written.Span, _time.GetUtcNow().UtcTicks);

            // Only the response this revalidation started from is replaced: if it was invalidated (a tag, a clear) or
            // replaced by a newer one meanwhile, storing this older run's result would undo that.
            var current = await plan.Cache.TryGetAsync<CachedResponse>(request.Key).ConfigureAwait(false);
            if (current is not { } found || found.Value.CreatedAtTicks != request.Current.CreatedAtTicks || found.Value.ETag != request.Current.ETag)
            {
                return "not stored: the stale response was invalidated or replaced meanwhile";
            }

            await plan.Cache.SetAsync(request.Key, response, plan.EntryOptions, request.Tags).ConfigureAwait(false);
            return "stored";
        }
    }
}
