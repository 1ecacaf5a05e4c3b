namespace Strata.Keys;

/// <summary>A normalised (unescaped) element of a collection value in the scratch buffer; for a dictionary, the key
/// and its value.</summary>
internal readonly record struct KeySegment(int Start, int Length, int ValueStart, int ValueLength);
