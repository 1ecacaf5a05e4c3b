namespace TravelDesk.Data;

/// <summary>A label on trip templates (hiking, food-tour, ...), used to match interests.</summary>
public sealed record Tag(int Id, string Name);
