namespace Strata.Resp;

/// <summary>When <c>SET</c> writes.</summary>
public enum RespSetCondition
{
    /// <summary>Always.</summary>
    Always,

    /// <summary>Only if the key does not exist (<c>NX</c>): the basis of locks and leases.</summary>
    IfNotExists,

    /// <summary>Only if the key exists (<c>XX</c>).</summary>
    IfExists,
}
