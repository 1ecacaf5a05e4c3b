namespace TravelDesk.Supplier.Contracts;

/// <summary>An airline of the catalogue (<c>GET /airlines</c>).</summary>
public sealed record Airline(string Code, string Name, string? Alliance);
