namespace Strata.AspNetCore.Admin;

/// <summary>One bar of the TTL histogram.</summary>
internal sealed record TtlBucket(string Bucket, long Count);
