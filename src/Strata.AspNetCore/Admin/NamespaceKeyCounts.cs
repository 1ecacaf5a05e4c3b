namespace Strata.AspNetCore.Admin;

/// <summary>Keys per namespace: L1 exactly; L2 from a SCAN (null without L2), complete or cut at the scan budget.</summary>
internal sealed record NamespaceKeyCounts(IReadOnlyDictionary<string, int> L1, IReadOnlyDictionary<string, int>? L2, bool Complete);
