namespace Strata.RateLimiting.Quota;

/// <summary>One calendar window of a quota, as UTC instants: [<paramref name="Start"/>, <paramref name="End"/>).</summary>
internal sealed record QuotaWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}
