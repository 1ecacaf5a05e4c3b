namespace Strata.Tests.Keys;

public sealed record ObjectListParameters(List<Guests> Rooms);
