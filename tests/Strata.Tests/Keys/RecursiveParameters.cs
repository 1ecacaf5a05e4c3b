namespace Strata.Tests.Keys;

public sealed record RecursiveParameters(string Name, RecursiveParameters? Next);
