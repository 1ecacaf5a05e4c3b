namespace Strata.Resp;

/// <summary>The RESP protocol version a connection speaks.</summary>
public enum RespProtocol
{
    /// <summary>RESP2: pub/sub needs a dedicated connection; client tracking needs a redirect.</summary>
    Resp2 = 2,

    /// <summary>RESP3: typed replies and out-of-band push frames on the same connection.</summary>
    Resp3 = 3,
}
