namespace Strata.Engine;

/// <summary>One run's lease: the value's full key, the lease's key, this attempt's owner token and its length.</summary>
internal sealed record LeaseRequest(string Key, string LeaseKey, string Owner, TimeSpan Duration);
