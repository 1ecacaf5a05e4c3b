namespace Strata.Benchmarks.Resp;

/// <summary>The reply frames <see cref="ParserBenchmarks"/> reads.</summary>
public enum RespFrameShape
{
    /// <summary><c>$100</c>: a GET reply of a 100-byte value.</summary>
    Bulk100,

    /// <summary><c>*100</c> of <c>$100</c>: an MGET reply of 100 values of 100 bytes.</summary>
    Array100x100,

    /// <summary>RESP3 <c>%16</c>: an HGETALL reply of 16 fields with 100-byte values.</summary>
    Map16,
}
