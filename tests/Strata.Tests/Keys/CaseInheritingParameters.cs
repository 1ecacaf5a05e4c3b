using Strata.Keys;

namespace Strata.Tests.Keys;

public sealed record CaseInheritingParameters([property: CacheKeyCase(KeyCase.Upper)] Guests Room, string Note);
