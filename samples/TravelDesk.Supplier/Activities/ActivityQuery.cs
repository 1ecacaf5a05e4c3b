using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Activities;

/// <summary>A validated activity search; a null <see cref="Category"/> means every category.</summary>
internal sealed record ActivityQuery(City City, DateOnly Date, string? Category);
