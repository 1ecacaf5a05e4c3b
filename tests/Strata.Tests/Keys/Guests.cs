using Strata.Keys;

namespace Strata.Tests.Keys;

public sealed record Guests(int Adults, int Children, [property: CacheKeyName("kind")] string? RoomKind);
