namespace Strata.AspNetCore.Tests.Warmup;

/// <summary>The scripts of the test warmers, by warmer name, registered as a singleton by each test.</summary>
public sealed class WarmerScripts : Dictionary<string, WarmerScript>
{
    public WarmerScripts()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }
}

public sealed class AlphaWarmer(WarmerScripts scripts) : IStrataWarmer
{
    public string Name => "alpha";

    public ValueTask WarmAsync(StrataWarmupContext context, CancellationToken cancellationToken) =>
        scripts[Name].RunAsync(context, cancellationToken);
}

public sealed class BetaWarmer(WarmerScripts scripts) : IStrataWarmer
{
    public string Name => "beta";

    public ValueTask WarmAsync(StrataWarmupContext context, CancellationToken cancellationToken) =>
        scripts[Name].RunAsync(context, cancellationToken);
}

/// <summary>Same name as <see cref="AlphaWarmer"/>: registering both must fail start-up.</summary>
public sealed class AlphaTwinWarmer : IStrataWarmer
{
    public string Name => "Alpha";

    public ValueTask WarmAsync(StrataWarmupContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
