namespace TravelDesk.Data;

/// <summary>A tour guide, the languages they speak (ISO 639-1 codes) and their rating out of 5.</summary>
public sealed record Guide(int Id, string Name, IReadOnlyList<string> Languages, double Rating);
