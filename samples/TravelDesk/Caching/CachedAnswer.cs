namespace TravelDesk.Caching;

/// <summary>A value and how the cache produced it, for the <c>X-Cache</c>, <c>X-Cache-Tier</c> and <c>Age</c> headers.</summary>
/// <param name="Value">The answer.</param>
/// <param name="Status"><c>HIT</c>, <c>STALE</c> (fresh time over; served while refreshing, or fail-safe while the source
/// fails), <c>MISS</c> (computed now), <c>BYPASS</c> (<c>skipCache=true</c>: computed now and stored) or <c>OFF</c>
/// (caching disabled).</param>
/// <param name="Tier"><c>l1</c>, <c>l2</c> or <c>source</c>.</param>
/// <param name="CreatedAt">When the value was computed.</param>
public sealed record CachedAnswer<T>(T Value, string Status, string Tier, DateTimeOffset CreatedAt)
{
    /// <summary>Writes the headers that say where the answer came from.</summary>
    public void WriteHeaders(HttpResponse response, TimeProvider time)
    {
        response.Headers["X-Cache"] = Status;
        response.Headers["X-Cache-Tier"] = Tier;
        var age = time.GetUtcNow() - CreatedAt;
        response.Headers.Age = ((long)Math.Max(0, age.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
