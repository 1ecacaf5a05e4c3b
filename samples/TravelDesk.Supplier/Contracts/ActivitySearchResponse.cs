namespace TravelDesk.Supplier.Contracts;

/// <summary>The answer to <c>GET /activities/search?city=PAR&amp;date=2026-12-02&amp;category=tour</c> (category optional).</summary>
public sealed record ActivitySearchResponse(IReadOnlyList<Activity> Activities, DateTimeOffset GeneratedAt);
