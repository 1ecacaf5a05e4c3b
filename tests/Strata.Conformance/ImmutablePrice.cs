using System.ComponentModel;

namespace Strata.Conformance;

/// <summary>A sealed type marked <c>[ImmutableObject(true)]</c>: HybridCache may hand out the same instance to every
/// caller instead of copying it.</summary>
[ImmutableObject(true)]
public sealed record ImmutablePrice(string Currency, decimal Amount);
