namespace Strata.AspNetCore;

/// <summary>
/// Caches the responses of a controller action (or of every action of a controller) with Strata response caching;
/// minimal APIs add the same metadata with <c>.CacheResponse(...)</c>. The policy is the named one
/// (<see cref="PolicyName"/>) or <see cref="ResponseCacheOptions.DefaultPolicy"/>, adjusted by the properties set here.
/// Requires <c>app.UseStrataResponseCaching()</c>.
/// </summary>
/// <example><c>[CacheResponse("trips", Tags = ["trip:{id}"])]</c> or <c>[CacheResponse(DurationSeconds = 30)]</c>.</example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class CacheResponseAttribute : Attribute
{
    private int? _durationSeconds;
    private int? _sharedMaxAgeSeconds;
    private int? _staleWhileRevalidateSeconds;
    private int? _staleIfErrorSeconds;
    private bool? _mustRevalidate;
    private bool? _private;
    private bool? _varyByUser;

    /// <summary>Uses <see cref="ResponseCacheOptions.DefaultPolicy"/>, adjusted by the properties set.</summary>
    public CacheResponseAttribute()
    {
    }

    /// <summary>Uses the named policy, adjusted by the properties set.</summary>
    /// <param name="policyName">A policy registered with <see cref="ResponseCacheOptions.AddPolicy(string, Action{ResponseCachePolicy})"/>;
    /// an unknown name fails at startup.</param>
    public CacheResponseAttribute(string policyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        PolicyName = policyName;
    }

    /// <summary>The named policy, or null for the default one.</summary>
    public string? PolicyName { get; }

    /// <summary><see cref="ResponseCachePolicy.Duration"/> in seconds.</summary>
    public int DurationSeconds { get => _durationSeconds ?? 0; set => _durationSeconds = value; }

    /// <summary><see cref="ResponseCachePolicy.SharedMaxAge"/> in seconds.</summary>
    public int SharedMaxAgeSeconds { get => _sharedMaxAgeSeconds ?? 0; set => _sharedMaxAgeSeconds = value; }

    /// <summary><see cref="ResponseCachePolicy.StaleWhileRevalidate"/> in seconds.</summary>
    public int StaleWhileRevalidateSeconds { get => _staleWhileRevalidateSeconds ?? 0; set => _staleWhileRevalidateSeconds = value; }

    /// <summary><see cref="ResponseCachePolicy.StaleIfError"/> in seconds.</summary>
    public int StaleIfErrorSeconds { get => _staleIfErrorSeconds ?? 0; set => _staleIfErrorSeconds = value; }

    /// <summary><see cref="ResponseCachePolicy.MustRevalidate"/>.</summary>
    public bool MustRevalidate { get => _mustRevalidate ?? false; set => _mustRevalidate = value; }

    /// <summary><see cref="ResponseCachePolicy.Private"/>.</summary>
    public bool Private { get => _private ?? false; set => _private = value; }

    /// <summary><see cref="ResponseCachePolicy.VaryByUser"/>.</summary>
    public bool VaryByUser { get => _varyByUser ?? false; set => _varyByUser = value; }

    /// <summary>Replaces <see cref="ResponseCachePolicy.VaryByHeaders"/>.</summary>
    public string[]? VaryByHeaders { get; set; }

    /// <summary>Replaces <see cref="ResponseCachePolicy.VaryByQueryKeys"/> (<c>"*"</c> for all).</summary>
    public string[]? VaryByQueryKeys { get; set; }

    /// <summary>Replaces <see cref="ResponseCachePolicy.VaryByRouteValues"/>.</summary>
    public string[]? VaryByRouteValues { get; set; }

    /// <summary>Added to <see cref="ResponseCachePolicy.Tags"/>; <c>{name}</c> reads a route value.</summary>
    public string[]? Tags { get; set; }

    /// <summary>Replaces <see cref="ResponseCachePolicy.StatusCodes"/>.</summary>
    public int[]? StatusCodes { get; set; }

    /// <summary>A whole policy given in code (<c>.CacheResponse(policy)</c>); wins over the named and default ones.</summary>
    internal ResponseCachePolicy? Policy { get; init; }

    /// <summary>Adjusts the policy after the properties are applied (<c>.CacheResponse(p =&gt; ...)</c>).</summary>
    internal Action<ResponseCachePolicy>? Configure { get; init; }

    /// <summary>Applies the properties that were set to <paramref name="policy"/>.</summary>
    internal void ApplyTo(ResponseCachePolicy policy)
    {
        if (_durationSeconds is { } duration)
        {
            policy.Duration = TimeSpan.FromSeconds(duration);
        }

        if (_sharedMaxAgeSeconds is { } shared)
        {
            policy.SharedMaxAge = TimeSpan.FromSeconds(shared);
        }

        if (_staleWhileRevalidateSeconds is { } swr)
        {
            policy.StaleWhileRevalidate = TimeSpan.FromSeconds(swr);
        }

        if (_staleIfErrorSeconds is { } sie)
        {
            policy.StaleIfError = TimeSpan.FromSeconds(sie);
        }

        policy.MustRevalidate = _mustRevalidate ?? policy.MustRevalidate;
        policy.Private = _private ?? policy.Private;
        policy.VaryByUser = _varyByUser ?? policy.VaryByUser;
        Replace(policy.VaryByHeaders, VaryByHeaders);
        Replace(policy.VaryByQueryKeys, VaryByQueryKeys);
        Replace(policy.VaryByRouteValues, VaryByRouteValues);
        if (Tags is not null)
        {
            foreach (var tag in Tags)
            {
                policy.Tags.Add(tag);
            }
        }

        if (StatusCodes is not null)
        {
            policy.StatusCodes.Clear();
            policy.StatusCodes.UnionWith(StatusCodes);
        }

        Configure?.Invoke(policy);
    }

    private static void Replace(IList<string> target, string[]? values)
    {
        if (values is null)
        {
            return;
        }

        target.Clear();
        foreach (var value in values)
        {
            target.Add(value);
        }
    }
}
