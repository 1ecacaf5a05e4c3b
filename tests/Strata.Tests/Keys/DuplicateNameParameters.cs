using Strata.Keys;

namespace Strata.Tests.Keys;

public sealed record DuplicateNameParameters(string A, [property: CacheKeyName("A")] string B);
