using System.ComponentModel;

namespace Strata.Conformance;

/// <summary>Marked immutable but not sealed: a derived type could be mutable, so HybridCache's rule treats it as
/// mutable and copies it.</summary>
[ImmutableObject(true)]
public class UnsealedImmutablePrice
{
    public string Currency { get; set; } = string.Empty;

    public decimal Amount { get; set; }
}
