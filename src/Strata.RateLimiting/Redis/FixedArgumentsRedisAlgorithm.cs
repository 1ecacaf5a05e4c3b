using Strata.Resp;

namespace Strata.RateLimiting.Redis;

/// <summary>
/// An algorithm whose arguments depend only on its options and the permit count (GCRA, both sliding windows). The
/// arrays for 0 and 1 permits — nearly every decision — are built once, so a decision allocates no argument array.
/// </summary>
internal abstract class FixedArgumentsRedisAlgorithm : RedisAlgorithm
{
    private RespArgument[]? _peek;
    private RespArgument[]? _one;

    public sealed override IReadOnlyList<RespArgument> Arguments(int permits) => permits switch
    {
        0 => _peek ??= Build(0),
        1 => _one ??= Build(1),
        _ => Build(permits),
    };

    /// <summary>The script's arguments for <paramref name="permits"/>.</summary>
    protected abstract RespArgument[] Build(int permits);
}
