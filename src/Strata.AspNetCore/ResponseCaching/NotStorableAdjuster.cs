using Strata.Policies;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>Keeps <see cref="CachedResponse.NotStorable"/> out of the cache: a zero duration means "do not store",
/// while the waiters of the run still get it (and then run the endpoint themselves).</summary>
internal sealed class NotStorableAdjuster : ICacheDurationAdjuster
{
    public static readonly NotStorableAdjuster Instance = new();

    public TimeSpan Adjust(in CacheDurationContext context, TimeSpan duration) =>
        context.Result is CachedResponse { IsStorable: false } ? TimeSpan.Zero : duration;
}
