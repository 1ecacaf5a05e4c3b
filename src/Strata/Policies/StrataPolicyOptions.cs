using Microsoft.Extensions.Configuration;

namespace Strata.Policies;

/// <summary>What the builder collected about policies; turned into a <see cref="CachePolicyRegistry"/> (and
/// validated) when the cache is built or the host starts.</summary>
internal sealed class StrataPolicyOptions
{
    public List<IConfiguration> Sections { get; } = [];

    public Dictionary<string, StrataEntryOptions> Policies { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, List<ICacheDurationAdjuster>> Adjusters { get; } = new(StringComparer.OrdinalIgnoreCase);
}
