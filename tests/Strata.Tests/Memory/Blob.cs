namespace Strata.Tests.Memory;

/// <summary>
/// A test value that carries the weight it was stored with, so tests can check the tier's accounting against the
/// entries it actually holds. Compared by reference, as the tier does.
/// </summary>
internal sealed class Blob(string name, long weight)
{
    public string Name { get; } = name;

    public long Weight { get; } = weight;

    public override string ToString() => $"{Name} ({Weight} B)";
}
