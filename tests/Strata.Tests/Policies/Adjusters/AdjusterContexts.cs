using Strata.Policies;

namespace Strata.Tests.Policies.Adjusters;

internal static class AdjusterContexts
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static CacheDurationContext For(object? parameters = null, object? result = null, DateTimeOffset? now = null) =>
        new("FLIGHT_SEARCH", "flights", "k", parameters, result, now ?? Now);
}
