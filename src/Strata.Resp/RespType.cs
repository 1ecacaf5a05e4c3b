namespace Strata.Resp;

/// <summary>The RESP2/RESP3 frame types, by their prefix byte.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The names are the RESP specification's own type names.")]
public enum RespType : byte
{
    /// <summary>No frame (a default value).</summary>
    None = 0,

    /// <summary><c>+</c> a simple string.</summary>
    SimpleString = (byte)'+',

    /// <summary><c>-</c> a simple error.</summary>
    SimpleError = (byte)'-',

    /// <summary><c>:</c> a signed 64-bit integer.</summary>
    Integer = (byte)':',

    /// <summary><c>$</c> a binary-safe string (RESP2 null: length -1).</summary>
    BulkString = (byte)'$',

    /// <summary><c>*</c> an array (RESP2 null: length -1).</summary>
    Array = (byte)'*',

    /// <summary><c>_</c> the RESP3 null.</summary>
    Null = (byte)'_',

    /// <summary><c>#</c> a RESP3 boolean.</summary>
    Boolean = (byte)'#',

    /// <summary><c>,</c> a RESP3 double (including <c>inf</c>, <c>-inf</c>, <c>nan</c>).</summary>
    Double = (byte)',',

    /// <summary><c>(</c> a RESP3 big number, kept as its decimal text.</summary>
    BigNumber = (byte)'(',

    /// <summary><c>!</c> a RESP3 binary-safe error.</summary>
    BulkError = (byte)'!',

    /// <summary><c>=</c> a RESP3 verbatim string (<c>txt:</c> or <c>mkd:</c> followed by the text).</summary>
    VerbatimString = (byte)'=',

    /// <summary><c>%</c> a RESP3 map of key/value pairs.</summary>
    Map = (byte)'%',

    /// <summary><c>~</c> a RESP3 set.</summary>
    Set = (byte)'~',

    /// <summary><c>|</c> RESP3 attributes: metadata that precedes a reply; the client skips them.</summary>
    Attribute = (byte)'|',

    /// <summary><c>&gt;</c> a RESP3 out-of-band push (pub/sub messages, client-tracking invalidations).</summary>
    Push = (byte)'>',
}
