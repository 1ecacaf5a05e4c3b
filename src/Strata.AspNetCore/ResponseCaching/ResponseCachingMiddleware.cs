using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// Serves and stores endpoint responses per their <see cref="EndpointPlan"/>. The fresh-hit path is synchronous up to
/// the body write: plan lookup, key, one L1 read, headers, body. Everything else (misses, stale, HEAD, conditional
/// revalidation, failures) falls through to the asynchronous paths below.
/// </summary>
/// <remarks>
/// A miss runs the rest of the pipeline inline, on the real request, as the factory of the engine's
/// <c>GetOrCreateEntryAsync</c> (single flight: concurrent requests for the key wait for this one), with the body
/// buffered. A 5xx or an exception makes the factory throw <see cref="UpstreamFailureException"/>, so the engine's
/// fail-safe answers with the stale copy within stale-if-error; otherwise the requester sends its own error response.
/// Within stale-while-revalidate the stale copy is served and <see cref="ResponseRevalidator"/> refreshes it.
/// </remarks>
internal sealed class ResponseCachingMiddleware
{
    private static readonly Func<MissState, CancellationToken, ValueTask<CachedResponse>> Factory =
        static (state, _) => state.Owner.RunForCacheAsync(state);

    // Age values of the first hour, formatted once.
    private static readonly string?[] AgeTexts = new string?[3600];

    private readonly RequestDelegate _next;
    private readonly EndpointPlanCache _plans;
    private readonly ResponseRevalidator _revalidator;
    private readonly ResponseCacheMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ResponseCachingMiddleware(
        RequestDelegate next,
        EndpointPlanCache plans,
        ResponseRevalidator revalidator,
        ResponseCacheMetrics metrics,
        TimeProvider time,
        ILogger logger)
    {
        _next = next;
        _plans = plans;
        _revalidator = revalidator;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            return _next(context);
        }

        var plan = _plans.Get(endpoint);
        if (!plan.IsCached)
        {
            return _next(context);
        }

        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        var headers = request.Headers;
        var isHead = false;
        if (!HttpMethods.IsGet(request.Method))
        {
            if (!HttpMethods.IsHead(request.Method))
            {
                return PassThroughAsync(context, plan, started, "the method is not GET or HEAD");
            }

            isHead = true;
        }

        if (plan.NoStore)
        {
            return PassThroughAsync(context, plan, started, "the policy says no-store");
        }

        var revalidate = false;
        if (headers.CacheControl.Count > 0)
        {
            var directives = CacheControlParser.Parse(headers.CacheControl);
            if ((directives & CacheControlFlags.NoStore) != 0 && plan.HonorRequestNoStore)
            {
                return PassThroughAsync(context, plan, started, "the request sent Cache-Control: no-store");
            }

            revalidate = (directives & CacheControlFlags.NoCache) != 0 && plan.HonorRequestNoCache;
        }
        else if (headers.Pragma.Count > 0)
        {
            revalidate = plan.HonorRequestNoCache && CacheControlParser.PragmaNoCache(headers.Pragma);
        }

        if (!plan.VaryByUser && ResponseCacheKeys.IsAuthenticated(context))
        {
            return PassThroughAsync(context, plan, started, "the request is authenticated and the policy does not vary by user");
        }

        var key = ResponseCacheKeys.Build(context, plan);
        if (key is null)
        {
            return PassThroughAsync(context, plan, started, "the user has no id to key the response by");
        }

        if (isHead)
        {
            return revalidate
                ? PassThroughAsync(context, plan, started, "a HEAD request asked for revalidation")
                : HeadAsync(context, plan, key, started);
        }

        if (revalidate)
        {
            return RevalidateInlineAsync(context, plan, key, started);
        }

        var state = new MissState(this, context, plan);
        var pending = plan.Cache.GetOrCreateEntryAsync(key, state, Factory, plan.EntryOptions, plan.StaticTags ?? (IEnumerable<string>)state);
        if (!pending.IsCompletedSuccessfully)
        {
            return AwaitEntryAsync(context, plan, key, state, pending, started, secondary: false);
        }

        var result = pending.Result;
        if (state.TryCloseUnclaimed() && result.Status == CacheResultStatus.Hit)
        {
            var entry = result.Value;
            if (entry.IsStorable && entry.VaryMatches(request))
            {
                var age = Age(entry);
                if (age < plan.FreshTicks)
                {
                    return WriteAsync(context, plan, entry, ResponseCacheOutcome.Hit, age, head: false, started);
                }
            }
        }

        return ContinueAsync(context, plan, key, state, result, started, secondary: false);
    }

    /// <summary>The factory: runs the endpoint for the cache, unless the request has already moved on.</summary>
    internal async ValueTask<CachedResponse> RunForCacheAsync(MissState state)
    {
        if (!state.TryClaim())
        {
            return CachedResponse.NotStorable;
        }

        try
        {
            return await RunEndpointAsync(state).ConfigureAwait(false);
        }
        finally
        {
            state.MarkFinished();
        }
    }

    /// <summary>Runs the rest of the pipeline on the request with the body buffered; returns the response to store,
    /// or <see cref="CachedResponse.NotStorable"/>; throws <see cref="UpstreamFailureException"/> on 5xx or an
    /// exception while the response has not started.</summary>
    private async Task<CachedResponse> RunEndpointAsync(MissState state)
    {
        var context = state.Context;
        var plan = state.Plan;
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var capture = new ResponseCaptureStream(original, context, plan.MaximumBodySize);
        state.Capture = capture;
        state.HeadersBefore = context.Response.Headers.Count == 0 ? null : [.. context.Response.Headers];
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        Exception? error = null;
        try
        {
            await _next(context).ConfigureAwait(false);
            await capture.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception thrown)
        {
            error = thrown;
        }
        finally
        {
            context.Features.Set(original);
        }

        if (capture.PassedThrough)
        {
            state.StreamedError = error;
            state.NotStoredReason = "the body is larger than the policy's maximum";
            return CachedResponse.NotStorable;
        }

        var status = context.Response.StatusCode;
        if (error is not null || (status >= 500 && !plan.StoresStatus(status)))
        {
            state.NotStoredReason = error is null ? $"status {status}" : $"the endpoint threw {error.GetType().Name}";
            throw new UpstreamFailureException(state, error);
        }

        if (StoredResponses.WhyNotStorable(context, plan) is { } reason)
        {
            state.NotStoredReason = reason;
            return CachedResponse.NotStorable;
        }

        var stored = StoredResponses.Create(context, plan, capture.Written.Span, _time.GetUtcNow().UtcTicks);
        state.Stored = stored;
        return stored;
    }

    private async Task AwaitEntryAsync(
        HttpContext context, EndpointPlan plan, string key, MissState state, ValueTask<CacheResult<CachedResponse>> pending, long started, bool secondary)
    {
        CacheResult<CachedResponse> result;
        try
        {
            result = await pending.ConfigureAwait(false);
        }
        catch (UpstreamFailureException failure) when (failure.Owner == state)
        {
            await state.CloseAsync().ConfigureAwait(false);
            await WriteFailureAsync(context, plan, key, state, failure, started).ConfigureAwait(false);
            return;
        }
        catch (UpstreamFailureException)
        {
            // The run this request waited on failed with nothing stale to serve: its error response belongs to
            // that request, so this one asks the endpoint itself.
            await state.CloseAsync().ConfigureAwait(false);
            await PassThroughAsync(context, plan, started, "the response it waited for failed").ConfigureAwait(false);
            return;
        }
        catch
        {
            await state.CloseAsync().ConfigureAwait(false);
            state.Capture?.Dispose();
            throw;
        }

        await ContinueAsync(context, plan, key, state, result, started, secondary).ConfigureAwait(false);
    }

    private async Task ContinueAsync(
        HttpContext context, EndpointPlan plan, string key, MissState state, CacheResult<CachedResponse> result, long started, bool secondary)
    {
        await state.CloseAsync().ConfigureAwait(false);
        if (state.Capture is not null)
        {
            await FinishOwnRunAsync(context, plan, key, state, result, started).ConfigureAwait(false);
            return;
        }

        var entry = result.Value;
        if (!entry.IsStorable)
        {
            await PassThroughAsync(context, plan, started, "the response it waited for could not be stored").ConfigureAwait(false);
            return;
        }

        if (!entry.VaryMatches(context.Request))
        {
            if (secondary)
            {
                await PassThroughAsync(context, plan, started, "the stored response varies by headers this request differs in").ConfigureAwait(false);
                return;
            }

            // RFC 9111 §4.1: the endpoint's Vary named headers this request differs in; its responses for these
            // values live under a secondary key.
            var secondaryKey = ResponseCacheKeys.Secondary(key, entry, context.Request);
            var next = new MissState(this, context, plan);
            var pending = plan.Cache.GetOrCreateEntryAsync(secondaryKey, next, Factory, plan.EntryOptions, plan.StaticTags ?? (IEnumerable<string>)next);
            await AwaitEntryAsync(context, plan, secondaryKey, next, pending, started, secondary: true).ConfigureAwait(false);
            return;
        }

        await ServeAsync(context, plan, key, entry, result.Status, started, head: false).ConfigureAwait(false);
    }

    /// <summary>Serves a stored response: fresh (HIT), within stale-while-revalidate (STALE, one background
    /// revalidation), held by the engine's fail-safe (STALE), or too old (the endpoint runs).</summary>
    private Task ServeAsync(HttpContext context, EndpointPlan plan, string key, CachedResponse entry, CacheResultStatus status, long started, bool head)
    {
        var age = Age(entry);
        ResponseCacheOutcome outcome;
        if (status == CacheResultStatus.Stale)
        {
            // The engine holds a stale copy after a failure (stale-if-error) until its throttle passes.
            outcome = ResponseCacheOutcome.Stale;
        }
        else if (age < plan.FreshTicks)
        {
            outcome = ResponseCacheOutcome.Hit;
        }
        else if (age < plan.FreshTicks + plan.StaleWhileRevalidateTicks)
        {
            outcome = ResponseCacheOutcome.Stale;
            if (_revalidator.TryStart(context, plan, key, entry, _next))
            {
                ResponseCachingLog.ServingStaleWhileRevalidating(_logger, key, age / TimeSpan.TicksPerSecond);
            }
        }
        else
        {
            // Kept longer than this policy allows (written under another policy, or another node's clock).
            ResponseCachingLog.TooOld(_logger, key, age / TimeSpan.TicksPerSecond);
            return head
                ? PassThroughAsync(context, plan, started, "the stored response is too old")
                : RevalidateInlineAsync(context, plan, key, started);
        }

        return WriteAsync(context, plan, entry, outcome, age, head, started);
    }

    /// <summary>After this request's own run: MISS when stored, STALE when it failed and the engine served the stale
    /// copy, otherwise its own response as it was (BYPASS).</summary>
    private async Task FinishOwnRunAsync(
        HttpContext context, EndpointPlan plan, string key, MissState state, CacheResult<CachedResponse> result, long started)
    {
        var capture = state.Capture!;
        try
        {
            if (capture.PassedThrough)
            {
                ResponseCachingLog.NotStored(_logger, key, state.NotStoredReason ?? "the body streamed through");
                _metrics.Record(ResponseCacheOutcome.Bypass, plan.PolicyTag, started);
                if (state.StreamedError is { } streamed)
                {
                    ExceptionDispatchInfo.Throw(streamed);
                }

                return;
            }

            var entry = result.Value;
            if (result.Status == CacheResultStatus.Stale)
            {
                // This request's endpoint failed and the engine answered with the stale copy (stale-if-error):
                // the failed response is dropped (it has not started) and the stale one goes out instead, keeping
                // what middleware ahead of the cache had set (CORS, correlation ids).
                context.Response.Clear();
                foreach (var (name, value) in state.HeadersBefore ?? [])
                {
                    context.Response.Headers[name] = value;
                }

                var age = Age(entry);
                ResponseCachingLog.ServingStaleOnError(_logger, plan.EndpointName, state.NotStoredReason ?? "error", age / TimeSpan.TicksPerSecond);
                await WriteAsync(context, plan, entry, ResponseCacheOutcome.Stale, age, head: false, started).ConfigureAwait(false);
                return;
            }

            if (state.Stored is { } stored && ReferenceEquals(entry, stored))
            {
                ResponseCachingLog.Stored(_logger, key, stored.StatusCode, stored.Body.Length);
                await WriteAsync(context, plan, stored, ResponseCacheOutcome.Miss, Age(stored), head: false, started).ConfigureAwait(false);
                return;
            }

            ResponseCachingLog.NotStored(_logger, key, state.NotStoredReason ?? "not cacheable");
            await WriteCapturedAsync(context, plan, capture, started).ConfigureAwait(false);
        }
        finally
        {
            capture.Dispose();
        }
    }

    /// <summary>This request's endpoint failed and nothing stale may be served: the client gets the original error
    /// response (status, headers, body), or the exception goes up the pipeline as if the cache were not there.</summary>
    private async Task WriteFailureAsync(HttpContext context, EndpointPlan plan, string key, MissState state, UpstreamFailureException failure, long started)
    {
        var capture = state.Capture!;
        try
        {
            ResponseCachingLog.NotStored(_logger, key, state.NotStoredReason ?? "the endpoint failed");
            if (failure.Error is { } error)
            {
                _metrics.Record(ResponseCacheOutcome.Bypass, plan.PolicyTag, started);
                ExceptionDispatchInfo.Throw(error);
            }

            await WriteCapturedAsync(context, plan, capture, started).ConfigureAwait(false);
        }
        finally
        {
            capture.Dispose();
        }
    }

    private async Task WriteCapturedAsync(HttpContext context, EndpointPlan plan, ResponseCaptureStream capture, long started)
    {
        context.Response.Headers[ResponseCacheHeaders.XCache] = ResponseCacheHeaders.Bypass;
        var body = capture.Written;
        if (!body.IsEmpty)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }

        _metrics.Record(ResponseCacheOutcome.Bypass, plan.PolicyTag, started);
    }

    /// <summary>HEAD is answered from the stored GET response, without a body; without one it goes to the endpoint
    /// and is not stored (a HEAD response cannot stand in for a GET's, RFC 9111 §4.3.5).</summary>
    private async Task HeadAsync(HttpContext context, EndpointPlan plan, string key, long started)
    {
        var found = await plan.Cache.TryGetAsync<CachedResponse>(key, context.RequestAborted).ConfigureAwait(false);
        if (found is { Value.IsStorable: true } result && !result.Value.VaryMatches(context.Request))
        {
            key = ResponseCacheKeys.Secondary(key, result.Value, context.Request);
            found = await plan.Cache.TryGetAsync<CachedResponse>(key, context.RequestAborted).ConfigureAwait(false);
        }

        if (found is { Value.IsStorable: true } match && match.Value.VaryMatches(context.Request))
        {
            await ServeAsync(context, plan, key, match.Value, match.Status, started, head: true).ConfigureAwait(false);
            return;
        }

        await PassThroughAsync(context, plan, started, "HEAD is answered only from a stored GET response").ConfigureAwait(false);
    }

    /// <summary>Runs the endpoint without looking at the stored copy and stores its response (a request's
    /// <c>no-cache</c>, or a copy too old to serve).</summary>
    private async Task RevalidateInlineAsync(HttpContext context, EndpointPlan plan, string key, long started)
    {
        var state = new MissState(this, context, plan);
        _ = state.TryClaim();
        CachedResponse value;
        try
        {
            value = await RunEndpointAsync(state).ConfigureAwait(false);
        }
        catch (UpstreamFailureException failure)
        {
            await WriteFailureAsync(context, plan, key, state, failure, started).ConfigureAwait(false);
            return;
        }
        finally
        {
            state.MarkFinished();
        }

        if (state.Stored is { } stored)
        {
            try
            {
                await plan.Cache.SetAsync(key, stored, plan.EntryOptions, plan.ExpandTags(context.Request.RouteValues), context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The client still gets the response; only the cache missed it.
                ResponseCachingLog.StoreFailed(_logger, key, error);
            }
        }

        var now = _time.GetUtcNow();
        await FinishOwnRunAsync(context, plan, key, state, new CacheResult<CachedResponse>(value, CacheResultStatus.Created, CacheTier.Factory, now, now, value.ETag), started)
            .ConfigureAwait(false);
    }

    private async Task PassThroughAsync(HttpContext context, EndpointPlan plan, long started, string reason)
    {
        ResponseCachingLog.Bypassed(_logger, plan.EndpointName, reason);
        context.Response.Headers[ResponseCacheHeaders.XCache] = ResponseCacheHeaders.Bypass;
        await _next(context).ConfigureAwait(false);
        _metrics.Record(ResponseCacheOutcome.Bypass, plan.PolicyTag, started);
    }

    /// <summary>Writes a stored response (or a 304 when <c>If-None-Match</c> matches its ETag), with <c>Age</c> and
    /// <c>X-Cache</c>. Synchronous until the body write.</summary>
    private Task WriteAsync(HttpContext context, EndpointPlan plan, CachedResponse entry, ResponseCacheOutcome outcome, long ageTicks, bool head, long started)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers[ResponseCacheHeaders.XCache] = ResponseCacheHeaders.ToHeaderValue(outcome);
        headers.Age = AgeText(ageTicks);
        var ifNoneMatch = context.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && EntityTags.IfNoneMatch(ifNoneMatch, entry.ETag))
        {
            // RFC 9110 §15.4.5: no content; the validator and the caching headers a 200 would have carried.
            response.StatusCode = StatusCodes.Status304NotModified;
            headers.ETag = entry.ETag;
            headers.CacheControl = entry.CacheControl;
            headers.Vary = entry.Vary;
            headers.ContentLength = null;
            headers.ContentType = default;
            _metrics.Record(outcome, plan.PolicyTag, started);
            return Task.CompletedTask;
        }

        response.StatusCode = entry.StatusCode;
        var names = entry.HeaderNames;
        var values = entry.HeaderValues;
        for (var i = 0; i < names.Length; i++)
        {
            headers[names[i]] = values[i];
        }

        var body = entry.Body;
        if (entry.StatusCode != StatusCodes.Status204NoContent)
        {
            headers.ContentLength = body.Length;
        }

        if (head || body.Length == 0)
        {
            _metrics.Record(outcome, plan.PolicyTag, started);
            return Task.CompletedTask;
        }

        var write = response.Body.WriteAsync(body, context.RequestAborted);
        if (write.IsCompletedSuccessfully)
        {
            _metrics.Record(outcome, plan.PolicyTag, started);
            return Task.CompletedTask;
        }

        return AwaitWriteAsync(write, outcome, plan.PolicyTag, started);
    }

    private async Task AwaitWriteAsync(ValueTask write, ResponseCacheOutcome outcome, string policy, long started)
    {
        await write.ConfigureAwait(false);
        _metrics.Record(outcome, policy, started);
    }

    private long Age(CachedResponse entry) => Math.Max(0, _time.GetUtcNow().UtcTicks - entry.CreatedAtTicks);

    private static string AgeText(long ageTicks)
    {
        var seconds = ageTicks / TimeSpan.TicksPerSecond;
        if (seconds >= AgeTexts.Length)
        {
            return seconds.ToString(CultureInfo.InvariantCulture);
        }

        return AgeTexts[seconds] ??= seconds.ToString(CultureInfo.InvariantCulture);
    }
}
