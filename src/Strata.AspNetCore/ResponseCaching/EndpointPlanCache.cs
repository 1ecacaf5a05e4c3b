using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Strata.AspNetCore.Tags;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// The <see cref="EndpointPlan"/> of each endpoint, built once (at startup by <see cref="ResponseCacheStartupValidator"/>,
/// or on the first request) and kept for the endpoint's lifetime; endpoints without response-cache metadata get
/// <see cref="EndpointPlan.None"/>. Bad configuration (an unknown policy, a tag or route value the route lacks, an
/// invalid setting) throws <see cref="InvalidOperationException"/> naming the endpoint.
/// </summary>
internal sealed class EndpointPlanCache
{
    // Engine timeouts far beyond any request: only set when the cache's defaults have timeouts, which must not apply
    // here (a timed-out factory would leave the endpoint running on a request that has moved on).
    private static readonly TimeSpan NoSoftTimeout = TimeSpan.FromDays(40);
    private static readonly TimeSpan NoHardTimeout = TimeSpan.FromDays(45);

    private readonly ConditionalWeakTable<Endpoint, EndpointPlan> _plans = [];
    private readonly ResponseCacheOptions _options;
    private readonly StrataCache _cache;
    private readonly StrataEntryOptions _engineDefaults;

    public EndpointPlanCache(IOptions<ResponseCacheOptions> options, StrataCache cache, IOptions<StrataCacheOptions> cacheOptions)
    {
        _options = options.Value;
        _cache = cache;
        _engineDefaults = cacheOptions.Value.DefaultEntryOptions;
    }

    /// <summary>The endpoint's plan; <see cref="EndpointPlan.None"/> when it is not cached.</summary>
    public EndpointPlan Get(Endpoint endpoint)
    {
        if (_plans.TryGetValue(endpoint, out var plan))
        {
            return plan;
        }

        var metadata = endpoint.Metadata.GetMetadata<CacheResponseAttribute>();
        plan = metadata is null ? EndpointPlan.None : Build(endpoint, metadata);
        return _plans.TryAdd(endpoint, plan) ? plan : _plans.TryGetValue(endpoint, out var raced) ? raced : plan;
    }

    private EndpointPlan Build(Endpoint endpoint, CacheResponseAttribute metadata)
    {
        var endpointName = endpoint.DisplayName ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(unnamed endpoint)";
        ResponseCachePolicy policy;
        string policyTag;
        if (metadata.Policy is { } given)
        {
            policy = given.Clone();
            policyTag = "inline";
        }
        else if (metadata.PolicyName is { } name)
        {
            if (!_options.Policies.TryGetValue(name, out var named))
            {
                var known = _options.Policies.Count == 0 ? "(none)" : string.Join(", ", _options.Policies.Keys.Order(StringComparer.OrdinalIgnoreCase));
                throw new InvalidOperationException(
                    $"Endpoint '{endpointName}' uses response cache policy '{name}', which is not registered. Known policies: {known}. "
                    + $"Register it with services.AddStrataResponseCaching(o => o.AddPolicy(\"{name}\", p => ...)).");
            }

            policy = named.Clone();
            policyTag = name;
        }
        else
        {
            policy = _options.DefaultPolicy.Clone();
            policyTag = metadata.Configure is null ? "default" : "inline";
        }

        metadata.ApplyTo(policy);
        try
        {
            policy.Validate(policyTag);
        }
        catch (ArgumentException error)
        {
            throw new InvalidOperationException($"Endpoint '{endpointName}': {error.Message}", error);
        }

        var pattern = (endpoint as RouteEndpoint)?.RoutePattern;
        var templates = new TagTemplate[policy.Tags.Count];
        var allStatic = true;
        for (var i = 0; i < templates.Length; i++)
        {
            try
            {
                templates[i] = TagTemplate.Parse(policy.Tags[i]);
            }
            catch (ArgumentException error)
            {
                throw new InvalidOperationException($"Endpoint '{endpointName}': {error.Message}", error);
            }

            if (templates[i].Parameters.Count > 0)
            {
                allStatic = false;
                if (pattern is null)
                {
                    throw new InvalidOperationException(
                        $"Tag '{policy.Tags[i]}' on endpoint '{endpointName}' reads route values, but the endpoint has no route.");
                }

                templates[i].EnsureParametersExist(pattern, endpointName);
            }
        }

        var routeValues = Distinct(policy.VaryByRouteValues, StringComparer.OrdinalIgnoreCase, lowerCase: false);
        foreach (var routeValue in routeValues)
        {
            if (pattern is null || (pattern.GetParameter(routeValue) is null && !pattern.RequiredValues.ContainsKey(routeValue) && !pattern.Defaults.ContainsKey(routeValue)))
            {
                throw new InvalidOperationException(
                    $"Endpoint '{endpointName}' varies its cached responses by route value '{routeValue}', but the route '{pattern?.RawText}' has no such value.");
            }
        }

        var fresh = policy.SharedMaxAge ?? policy.Duration;
        var staleWhileRevalidate = policy.MustRevalidate ? TimeSpan.Zero : policy.StaleWhileRevalidate;
        var staleIfError = policy.MustRevalidate ? TimeSpan.Zero : policy.StaleIfError;
        var namespaceName = policy.Namespace ?? _options.Namespace;
        StrataCache cache;
        try
        {
            cache = _cache.Namespace(namespaceName);
        }
        catch (ArgumentException error)
        {
            throw new InvalidOperationException($"Endpoint '{endpointName}': response cache namespace '{namespaceName}' is invalid: {error.Message}", error);
        }

        var queryComparer = policy.QueryKeysCaseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var headers = Distinct(policy.VaryByHeaders, StringComparer.OrdinalIgnoreCase, lowerCase: true);
        return new EndpointPlan
        {
            IsCached = true,
            EndpointName = endpointName,
            PolicyTag = policyTag,
            Cache = cache,
            EntryOptions = new StrataEntryOptions
            {
                // Fresh in the engine while the response is fresh or within stale-while-revalidate (the middleware
                // tells them apart and revalidates itself); fail-safe for the rest of stale-if-error. The engine's own
                // background refreshes stay off: they would run the endpoint with this request's context as state.
                Duration = fresh + staleWhileRevalidate,
                FailSafeMaxStale = staleIfError > staleWhileRevalidate ? staleIfError - staleWhileRevalidate : TimeSpan.Zero,
                StaleWhileRevalidate = TimeSpan.Zero,
                EarlyRefreshBeta = 0,
                Jitter = TimeSpan.Zero,
                FactorySoftTimeout = _engineDefaults.FactorySoftTimeout is null ? null : NoSoftTimeout,
                FactoryHardTimeout = _engineDefaults.FactoryHardTimeout is null ? null : NoHardTimeout,
                DurationAdjusters = [NotStorableAdjuster.Instance],
                PolicyName = "http:" + policyTag,
            },
            FreshTicks = fresh.Ticks,
            StaleWhileRevalidateTicks = staleWhileRevalidate.Ticks,
            MustRevalidate = policy.MustRevalidate,
            NoStore = policy.NoStore,
            CacheControl = FormatCacheControl(policy, staleWhileRevalidate, staleIfError),
            Vary = headers.Length == 0 ? null : string.Join(", ", Distinct(policy.VaryByHeaders, StringComparer.OrdinalIgnoreCase, lowerCase: false)),
            VaryByHeaders = headers,
            VaryByAllQueryKeys = policy.VaryByQueryKeys.Contains("*"),
            VaryByQueryKeys = Distinct(policy.VaryByQueryKeys.Where(k => k != "*"), queryComparer, lowerCase: false),
            QueryKeysCaseSensitive = policy.QueryKeysCaseSensitive,
            VaryByRouteValues = routeValues,
            VaryByUser = policy.VaryByUser,
            CaseSensitivePaths = _options.UseCaseSensitivePaths,
            StatusCodes = [.. policy.StatusCodes.Order()],
            HonorRequestNoCache = policy.HonorRequestNoCache,
            HonorRequestNoStore = policy.HonorRequestNoStore,
            MaximumBodySize = Math.Min(policy.MaximumBodySize ?? _options.MaximumBodySize, Array.MaxLength),
            TagTemplates = templates,
            StaticTags = allStatic ? [.. templates.Select(t => t.Text)] : null,
        };
    }

    private static string FormatCacheControl(ResponseCachePolicy policy, TimeSpan staleWhileRevalidate, TimeSpan staleIfError)
    {
        if (policy.NoStore)
        {
            return "no-store";
        }

        // A per-user response must never be stored by a shared cache downstream.
        var isPrivate = policy.Private || policy.VaryByUser;
        var text = new StringBuilder(isPrivate ? "private" : "public");
        if (policy.NoCache)
        {
            text.Append(", no-cache");
        }

        text.Append(CultureInfo.InvariantCulture, $", max-age={Seconds(policy.Duration)}");
        if (policy.SharedMaxAge is { } shared && !isPrivate)
        {
            text.Append(CultureInfo.InvariantCulture, $", s-maxage={Seconds(shared)}");
        }

        if (policy.MustRevalidate)
        {
            text.Append(", must-revalidate");
        }
        else
        {
            if (staleWhileRevalidate > TimeSpan.Zero)
            {
                text.Append(CultureInfo.InvariantCulture, $", stale-while-revalidate={Seconds(staleWhileRevalidate)}");
            }

            if (staleIfError > TimeSpan.Zero)
            {
                text.Append(CultureInfo.InvariantCulture, $", stale-if-error={Seconds(staleIfError)}");
            }
        }

        return text.ToString();
    }

    private static long Seconds(TimeSpan value) => (long)value.TotalSeconds;

    private static string[] Distinct(IEnumerable<string> values, StringComparer comparer, bool lowerCase)
    {
        var set = new SortedSet<string>(comparer);
        foreach (var value in values)
        {
            set.Add(lowerCase ? LowerInvariant(value.Trim()) : value.Trim());
        }

        return [.. set];
    }

    private static string LowerInvariant(string value) =>
        string.Create(value.Length, value, static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = char.ToLowerInvariant(source[i]);
            }
        });
}
