namespace Strata.Resp;

/// <summary>One page of <c>SCAN</c>: the keys found and the cursor to continue from (0 when the scan is complete).</summary>
/// <param name="Cursor">The cursor for the next call; 0 means the iteration is complete.</param>
/// <param name="Keys">The keys in this page (possibly empty, possibly repeating keys of earlier pages, as SCAN allows).</param>
public sealed record RespScanPage(long Cursor, IReadOnlyList<string> Keys);
