using System.Net;
using Strata.RateLimiting.AspNetCore.Outgoing;

namespace Strata.RateLimiting.AspNetCore.Tests.Outgoing;

public sealed class UpstreamHintsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RequestedHold_RetryAfterAndRateLimit_RetryAfterTakesPrecedence()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, ("Retry-After", "7"), ("RateLimit", "\"p\";r=0;t=30"));

        UpstreamHints.RequestedHold(response, Now).ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Theory]
    [InlineData("\"a\";r=0;t=5, \"b\";r=0;t=9", 9)]
    [InlineData("\"a\";r=1;t=5, \"b\";r=0;t=9", 9)]
    [InlineData("default;r=0;t=4", 4)]
    [InlineData("\"we;ird,name\";r=0;t=6", 6)]
    public void ExhaustedRateLimitWindow_ParsesStructuredList(string field, int expectedSeconds)
    {
        using var response = Response(HttpStatusCode.OK, ("RateLimit", field));

        UpstreamHints.RequestedHold(response, Now).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Theory]
    [InlineData("\"a\";r=2;t=5")]
    [InlineData("\"a\";r=0")]
    [InlineData("garbage")]
    [InlineData("\"a\";r=-1;t=5")]
    [InlineData("\"a\";r=0;t=soon")]
    public void RequestedHold_SuccessWithoutExhaustedOrWellFormedQuota_IsNone(string field)
    {
        using var response = Response(HttpStatusCode.OK, ("RateLimit", field));

        UpstreamHints.RequestedHold(response, Now).ShouldBeNull();
    }

    [Fact]
    public void XRateLimitReset_UnixTimeAndDelta_AreTellApart()
    {
        UpstreamHints.XRateLimitReset(Now.AddSeconds(90).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Now)
            .ShouldBe(TimeSpan.FromSeconds(90));
        UpstreamHints.XRateLimitReset("1.5", Now).ShouldBe(TimeSpan.FromSeconds(1.5));
        UpstreamHints.XRateLimitReset("-3", Now).ShouldBeNull();
        UpstreamHints.XRateLimitReset("soon", Now).ShouldBeNull();
    }

    [Fact]
    public void RequestedHold_SuccessWithXRateLimitRemainingZero_UsesReset()
    {
        using var response = Response(HttpStatusCode.OK, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "12"));

        UpstreamHints.RequestedHold(response, Now).ShouldBe(TimeSpan.FromSeconds(12));
    }

    [Fact]
    public void RequestedHold_SuccessWithRemainingPermits_IsNone()
    {
        using var response = Response(HttpStatusCode.OK, ("X-RateLimit-Remaining", "4"), ("X-RateLimit-Reset", "12"));

        UpstreamHints.RequestedHold(response, Now).ShouldBeNull();
    }

    [Fact]
    public void RequestedHold_RetryAfterDateInThePast_IsZero()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, ("Retry-After", Now.AddSeconds(-5).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

        UpstreamHints.RequestedHold(response, Now).ShouldBe(TimeSpan.Zero);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
