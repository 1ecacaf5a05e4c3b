namespace Strata.Keys;

/// <summary>One named parameter of a key being built: its escaped value's place in the value buffer, or a negative
/// length when the value was null (kept only so a repeated name is still detected).</summary>
internal readonly record struct KeyEntry(string Name, int Start, int Length)
{
    public bool IsOmitted => Length < 0;
}
