namespace Strata.Resp.Protocol;

/// <summary>The sizes past which a frame is treated as a protocol error rather than waited for.</summary>
internal static class RespLimits
{
    /// <summary>512 MiB: Redis's own <c>proto-max-bulk-len</c> default, the largest string a server can hold.</summary>
    public const int DefaultMaxBulkLength = 512 * 1024 * 1024;

    /// <summary>16 Mi elements: far beyond any reply Strata asks for, small enough that a corrupt count fails fast.</summary>
    public const int DefaultMaxAggregateLength = 16 * 1024 * 1024;
}
