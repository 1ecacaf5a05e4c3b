namespace TravelDesk.Quotas;

/// <summary>The answer of <c>GET /api/quota</c>: the caller's search quota today.</summary>
/// <param name="Limit">Searches allowed per day.</param>
/// <param name="Used">Searches counted today.</param>
/// <param name="Remaining">Searches left today.</param>
/// <param name="ResetsAt">When the count starts again (midnight in <paramref name="TimeZone"/>).</param>
/// <param name="TimeZone">The quota's time zone.</param>
/// <param name="Partition">Who is counted: <c>apikey:</c> + a digest of the key (never the key itself), or <c>ip:</c> + address.</param>
public sealed record QuotaUsage(string Partition, long Limit, long Used, long Remaining, DateTimeOffset ResetsAt, string TimeZone);
