namespace Strata.Tests.Keys;

public sealed record ObjectPropertyParameters(object Value);
