namespace Strata.AspNetCore.Tests.Dashboard;

/// <summary>The browser test classes share one chromium and do not run in parallel with each other.</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "chromium";
}
