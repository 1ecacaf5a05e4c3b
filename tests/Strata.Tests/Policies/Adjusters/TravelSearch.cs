namespace Strata.Tests.Policies.Adjusters;

public sealed record TravelSearch(DateTimeOffset? Date);
