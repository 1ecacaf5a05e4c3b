namespace TravelDesk.Configuration;

/// <summary>
/// Section <c>TravelDesk:Quota</c>: Kessan's per-user daily API quota, applied to search endpoints per API key
/// (<c>X-Api-Key</c>; callers without one share a quota per client address).
/// </summary>
public sealed class QuotaSettings
{
    /// <summary>Searches per API key per day. Default 1000.</summary>
    public int SearchesPerDay { get; set; } = 1000;

    /// <summary>The IANA time zone whose midnight starts a new day. Default <c>UTC</c>.</summary>
    public string TimeZone { get; set; } = "UTC";
}
