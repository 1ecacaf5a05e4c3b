namespace Strata.Resp.Tests.Protocol;

/// <summary>
/// Fuzz failures grouped by kind, each with its count and first reproducing input, so one frequent bug
/// does not hide a rarer one behind it.
/// </summary>
internal sealed class FuzzFailures
{
    private readonly Dictionary<string, (int Count, string First)> _byKind = [];

    public List<string> Report => [.. _byKind.Select(static k => $"{k.Key} (x{k.Value.Count}), first at {k.Value.First}")];

    public void Add(string kind, string example)
    {
        _byKind[kind] = _byKind.TryGetValue(kind, out var seen) ? (seen.Count + 1, seen.First) : (1, example);
    }
}
