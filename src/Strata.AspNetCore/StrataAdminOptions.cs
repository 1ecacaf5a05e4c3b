namespace Strata.AspNetCore;

/// <summary>
/// Options of the admin API (<c>MapStrataAdmin</c>) and the dashboard (<c>MapStrataDashboard</c>), bound from the
/// <c>Strata:Admin</c> configuration section. One of <see cref="ApiKey"/> or <see cref="AuthorizationPolicy"/> must be
/// set: an admin API that can clear every cache is never left open by default.
/// </summary>
public sealed class StrataAdminOptions
{
    /// <summary>
    /// The key callers present as <c>Authorization: Bearer {key}</c> (at least 16 characters). Requests without it
    /// get 401, with another key 403. Default: null. Ignored when <see cref="AuthorizationPolicy"/> is set.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// An authorization policy of the host's own (cookies, JWT, roles…) that guards the admin endpoints instead of
    /// the API key; the host's authentication and authorization middleware then answer 401/403. Default: null.
    /// </summary>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>The most keys <c>GET keys</c> returns per tier, whatever <c>limit</c> asks. Default: 1,000.</summary>
    public int MaxKeysListed { get; set; } = 1000;

    /// <summary>The most L2 keys one admin call may make Redis walk through (SCAN steps × page size), so a listing
    /// on a huge keyspace stays bounded. Default: 100,000.</summary>
    public int ScanBudget { get; set; } = 100_000;

    /// <summary>How many L1 entries <c>stats</c> samples for its TTL distribution. Default: 2,000.</summary>
    public int TtlSampleSize { get; set; } = 2000;

    /// <summary>The namespace the self-test (<c>GET test</c>) writes its one short-lived key to. Default: <c>strata-selftest</c>.</summary>
    public string SelfTestNamespace { get; set; } = "strata-selftest";
}
