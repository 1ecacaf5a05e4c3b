using System.Threading.RateLimiting;

namespace Strata.RateLimiting.AspNetCore.Tests.Fakes;

/// <summary>A lease with exactly the metadata a test gives it.</summary>
internal sealed class FakeLease(bool isAcquired, IReadOnlyDictionary<string, object?> values) : RateLimitLease
{
    public override bool IsAcquired => isAcquired;

    public override IEnumerable<string> MetadataNames => values.Keys;

    public override bool TryGetMetadata(string metadataName, out object? metadata) =>
        values.TryGetValue(metadataName, out metadata);
}
