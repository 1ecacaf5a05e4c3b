namespace TravelDesk.Data.Seeding;

/// <summary>What the occurrence and tag generators need to know about a generated template.</summary>
internal sealed record TemplateRow(int Id, TripTypeSeed Type, int DurationDays, int BasePriceCents, int MaxGroupSize);
