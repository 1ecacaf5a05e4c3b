namespace Strata.Tests.Keys;

public record struct StructParameters(string City, int Nights);
