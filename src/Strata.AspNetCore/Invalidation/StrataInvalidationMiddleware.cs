using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Strata.AspNetCore.Invalidation;

/// <summary>
/// Applies the invalidations a request declares (endpoint metadata, then matching rules) once its response is known
/// to be 2xx, through the engine (<see cref="Microsoft.Extensions.Caching.Hybrid.HybridCache.RemoveByTagAsync(string, CancellationToken)"/>,
/// <see cref="StrataCache.ClearAsync"/>), which reaches every node through L2.
/// </summary>
/// <remarks>
/// <para>When: before the client can see the response, so a client that writes and then reads gets the new data.
/// Running after <c>next()</c> alone is too late for endpoints that stream their body (the status line and body may
/// already be on the wire, and with a Content-Length the client may consider the response complete), and
/// <c>OnStarting</c> alone misses requests whose response never starts (the client went away after the write was
/// committed). So both are hooked and the first one runs: <c>OnStarting</c> sees the final status just before the
/// headers are sent; after <c>next()</c>, an unstarted response's status is the endpoint's final word. The cost is
/// that the invalidation's L2 round trip is added to the time to first byte of the (rare) writes that declare one.</para>
/// <para>Never after an exception: an endpoint that throws before its response starts invalidates nothing, even if
/// the error handler answers 2xx. One that throws after it started a 2xx response has already invalidated (the
/// headers were promised); an extra invalidation costs a recomputation, never a wrong read.</para>
/// </remarks>
internal sealed class StrataInvalidationMiddleware
{
    private readonly RequestDelegate _next;
    private readonly StrataCache _cache;
    private readonly InvalidationRuleTable _rules;
    private readonly InvalidationJournal _journal;
    private readonly InvalidationMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public StrataInvalidationMiddleware(
        RequestDelegate next,
        StrataCache cache,
        InvalidationRuleTable rules,
        InvalidationJournal journal,
        InvalidationMetrics metrics,
        TimeProvider time,
        IServiceProvider services)
    {
        _next = next;
        _cache = cache;
        _rules = rules;
        _journal = journal;
        _metrics = metrics;
        _time = time;
        _logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Strata.AspNetCore.Invalidation");
        // The pipeline is built when the host starts, after every Map*: a bad placeholder fails start-up here.
        EndpointMetadataValidator.Validate(services.GetService<EndpointDataSource>());
    }

    public Task InvokeAsync(HttpContext context)
    {
        // A CORS preflight (204 from the CORS middleware, often placed after this one) writes nothing.
        if (HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            return _next(context);
        }

        List<InvalidationTarget>? targets = null;
        List<string>? skipped = null;
        if (context.GetEndpoint() is { } endpoint)
        {
            CollectEndpoint(endpoint, context.Request.RouteValues, ref targets, ref skipped);
        }

        if (!_rules.IsEmpty)
        {
            _rules.Collect(context.Request.Method, context.Request.Path.Value ?? "/", ref targets, ref skipped);
        }

        if (skipped is not null)
        {
            foreach (var template in skipped)
            {
                InvalidationLog.TemplateWithoutValue(_logger, context.Request.Method, context.Request.Path.Value ?? "/", template);
            }
        }

        // Fast path: most requests declare nothing and pay two cached metadata lookups and the rules' prefix checks.
        return targets is null ? _next(context) : InvokeWithTargetsAsync(context, targets);
    }

    internal Task ApplyAsync(PendingInvalidation pending, bool failed)
    {
        if (failed)
        {
            InvalidationLog.SkippedException(_logger, pending.Method, pending.Path);
            return Task.CompletedTask;
        }

        var status = pending.Context.Response.StatusCode;
        if (status is < 200 or > 299)
        {
            InvalidationLog.SkippedStatus(_logger, pending.Method, pending.Path, status);
            return Task.CompletedTask;
        }

        if (pending.Targets.Count == 1)
        {
            return ApplyOneAsync(pending, pending.Targets[0], status);
        }

        // Issued together: the L2 round trips overlap.
        var tasks = new Task[pending.Targets.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = ApplyOneAsync(pending, pending.Targets[i], status);
        }

        return Task.WhenAll(tasks);
    }

    private static void CollectEndpoint(Endpoint endpoint, RouteValueDictionary values, ref List<InvalidationTarget>? targets, ref List<string>? skipped)
    {
        var tags = endpoint.Metadata.GetOrderedMetadata<InvalidatesTagsAttribute>();
        var namespaces = endpoint.Metadata.GetOrderedMetadata<InvalidatesNamespacesAttribute>();
        if (tags.Count == 0 && namespaces.Count == 0)
        {
            return;
        }

        var origin = endpoint.DisplayName ?? "(endpoint)";
        foreach (var attribute in tags)
        {
            foreach (var template in attribute.Templates)
            {
                Add(template, InvalidationKind.Tag, values, origin, ref targets, ref skipped);
            }
        }

        foreach (var attribute in namespaces)
        {
            foreach (var template in attribute.Templates)
            {
                Add(template, InvalidationKind.Namespace, values, origin, ref targets, ref skipped);
            }
        }
    }

    private static void Add(Tags.TagTemplate template, InvalidationKind kind, RouteValueDictionary values, string origin, ref List<InvalidationTarget>? targets, ref List<string>? skipped)
    {
        if (template.Expand(values) is { } name)
        {
            InvalidationTargets.Add(ref targets, new InvalidationTarget(kind, name, InvalidationSource.Endpoint, origin));
        }
        else
        {
            (skipped ??= []).Add(template.Text);
        }
    }

    private async Task InvokeWithTargetsAsync(HttpContext context, List<InvalidationTarget> targets)
    {
        var pending = new PendingInvalidation(this, context, targets);
        context.Response.OnStarting(static state => ((PendingInvalidation)state).RunOnceAsync(), pending);
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        catch
        {
            pending.MarkFailed();
            throw;
        }

        if (!context.Response.HasStarted)
        {
            await pending.RunOnceAsync().ConfigureAwait(false);
        }
    }

    private async Task ApplyOneAsync(PendingInvalidation pending, InvalidationTarget target, int status)
    {
        string? error = null;
        try
        {
            // Not the request's token: the write is done; a client that hangs up must not leave stale data behind.
            if (target.Kind == InvalidationKind.Tag)
            {
                await _cache.RemoveByTagAsync(target.Name, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await _cache.Namespace(target.Name).ClearAsync(CancellationToken.None).ConfigureAwait(false);
            }

            _metrics.Invalidated(target.Source, target.Kind);
            InvalidationLog.Invalidated(_logger, target.Kind, target.Name, pending.Method, pending.Path, status, target.Source, target.Origin);
        }
#pragma warning disable CA1031 // Logged and journaled; the response is already a success and must stay one.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            error = failure.Message;
            InvalidationLog.InvalidationFailed(_logger, target.Kind, target.Name, pending.Method, pending.Path, target.Source, target.Origin, failure);
        }

        _journal.Add(new InvalidationRecord(
            _time.GetUtcNow(), target.Kind, target.Name, target.Source, target.Origin, pending.Method, pending.Path, status, error));
    }
}
