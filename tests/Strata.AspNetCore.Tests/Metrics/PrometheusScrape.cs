namespace Strata.AspNetCore.Tests.Metrics;

/// <summary>A parsed exposition: families by name, with lookups that tolerate extra labels (e.g. <c>namespace</c>).</summary>
public sealed class PrometheusScrape(IReadOnlyDictionary<string, PrometheusFamily> families)
{
    public IReadOnlyDictionary<string, PrometheusFamily> Families { get; } = families;

    public PrometheusFamily Family(string name) =>
        Families.TryGetValue(name, out var family) ? family : throw new KeyNotFoundException($"No family {name}; have {string.Join(", ", Families.Keys)}.");

    /// <summary>Samples named <paramref name="sampleName"/> whose labels include all of <paramref name="labels"/>.</summary>
    public IEnumerable<PrometheusSample> Samples(string sampleName, params (string Name, string Value)[] labels) =>
        Families.Values.SelectMany(f => f.Samples).Where(s =>
            s.Name == sampleName && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value));

    /// <summary>The sum over the matching samples (0 when none).</summary>
    public double Sum(string sampleName, params (string Name, string Value)[] labels) => Samples(sampleName, labels).Sum(s => s.Value);

    public bool Contains(string sampleName) => Families.Values.Any(f => f.Samples.Any(s => s.Name == sampleName));
}
