namespace TravelDesk.Supplier.Contracts;

/// <summary>The answer to <c>GET /rates/{from}/{to}</c>: one <paramref name="From"/> costs <paramref name="Rate"/> <paramref name="To"/>.</summary>
public sealed record ExchangeRate(string From, string To, decimal Rate, DateTimeOffset AsOf);
