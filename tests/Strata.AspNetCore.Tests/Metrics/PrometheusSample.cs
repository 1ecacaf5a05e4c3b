namespace Strata.AspNetCore.Tests.Metrics;

public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
