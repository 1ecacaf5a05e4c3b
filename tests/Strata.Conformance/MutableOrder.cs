namespace Strata.Conformance;

/// <summary>A mutable reference type: a cache must hand out copies, so a caller mutating one cannot change what the
/// next read returns.</summary>
public sealed class MutableOrder
{
    public string Customer { get; set; } = string.Empty;

    public List<int> Lines { get; set; } = [];
}
