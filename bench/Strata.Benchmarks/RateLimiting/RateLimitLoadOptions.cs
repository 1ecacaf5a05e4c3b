using Strata.Benchmarks.Load;

namespace Strata.Benchmarks.RateLimiting;

/// <summary>The settings of one <c>ratelimit-load</c> run: only the common ones (callers share one client, one
/// connection).</summary>
internal sealed class RateLimitLoadOptions : LoadOptions
{
    /// <exception cref="ArgumentException">An argument is unknown, missing its value, or out of range.</exception>
    public static RateLimitLoadOptions Parse(ReadOnlySpan<string> args) => Parse(args, new RateLimitLoadOptions());

    protected override bool TryApply(string name, string value) => false;
}
