namespace Strata.Tests.Policies.Adjusters;

public sealed record SearchResults(int Count);
