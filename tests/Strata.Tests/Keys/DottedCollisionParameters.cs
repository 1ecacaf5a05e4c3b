using Strata.Keys;

namespace Strata.Tests.Keys;

public sealed record DottedCollisionParameters([property: CacheKeyName("Room.Adults")] int X, Guests Room);
