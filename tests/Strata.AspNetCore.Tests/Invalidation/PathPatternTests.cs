using Strata.AspNetCore.Invalidation;

namespace Strata.AspNetCore.Tests.Invalidation;

public sealed class PathPatternTests
{
    [Theory]
    [InlineData("/v1.0/user/create*", "/v1.0/user/create", true)]
    [InlineData("/v1.0/user/create*", "/v1.0/user/create-admin/x", true)]
    [InlineData("/v1.0/user/create*", "/v1x0/user/create", false)]
    [InlineData("/v1.0/user/create*", "/v1.0/user/creat", false)]
    [InlineData("/v1.0/user/create", "/v1.0/user/create/", true)]
    [InlineData("/v1.0/user/create", "/v1.0/user/create/x", false)]
    [InlineData("/v1.0/user/create", "/v1.0/user/created", false)]
    [InlineData("*/reset", "/a/b/reset", true)]
    [InlineData("*/reset", "/a/b/reset/now", false)]
    [InlineData("*/stats*", "/a/stats/b", true)]
    [InlineData("/trips/{id}", "/trips/7", true)]
    [InlineData("/trips/{id}", "/trips/", false)]
    [InlineData("/trips/{id}", "/trips/7/legs", false)]
    [InlineData("/TRIPS/{id}", "/trips/7", true)]
    public void TryMatch_Path_MatchesAsDocumented(string pattern, string path, bool expected) =>
        PathPattern.Parse(pattern).TryMatch(path, out _).ShouldBe(expected);

    [Fact]
    public void TryMatch_Placeholders_CaptureTheirSegments()
    {
        var pattern = PathPattern.Parse("/users/{userId}/trips/{tripId}*");

        pattern.TryMatch("/users/ana/trips/42/legs", out var values).ShouldBeTrue();

        values.ShouldNotBeNull();
        values["userId"].ShouldBe("ana");
        values["tripId"].ShouldBe("42");
    }

    [Theory]
    [InlineData("*", "alone")]
    [InlineData("/a/**", "neither first nor last")]
    [InlineData("/a/{}", "placeholder '{}'")]
    [InlineData("/a/{id}/{ID}", "twice")]
    [InlineData("/a/}", "without a matching")]
    [InlineData("/a/{1x}", "placeholder '{1x}'")]
    public void Parse_Malformed_ThrowsSayingWhy(string pattern, string reason) =>
        Should.Throw<FormatException>(() => PathPattern.Parse(pattern)).Message.ShouldContain(reason);
}
