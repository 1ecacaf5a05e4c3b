namespace Strata.AspNetCore.Tests.Metrics;

public sealed class PrometheusTextParserTests
{
    private const string Valid = """
        # HELP requests_total Requests, with a \\ and a \n in the help.
        # TYPE requests_total counter
        requests_total{tier="l1",result="hit"} 3
        requests_total{tier="l1",result="miss"} 1
        # TYPE latency_seconds histogram
        latency_seconds_bucket{le="0.1"} 1
        latency_seconds_bucket{le="1"} 3
        latency_seconds_bucket{le="+Inf"} 4
        latency_seconds_sum 7.5
        latency_seconds_count 4
        # TYPE temperature gauge
        temperature{room="a\"b\\c\nd"} -1.5e3
        temperature{room="x"} NaN

        """;

    [Fact]
    public void Parse_ValidExposition_ReadsFamiliesLabelsAndValues()
    {
        var scrape = PrometheusTextParser.Parse(Valid);

        scrape.Family("requests_total").Type.ShouldBe("counter");
        scrape.Family("requests_total").Help.ShouldBe("Requests, with a \\ and a \n in the help.");
        scrape.Sum("requests_total", ("tier", "l1"), ("result", "hit")).ShouldBe(3);
        scrape.Sum("latency_seconds_bucket", ("le", "+Inf")).ShouldBe(4);
        scrape.Samples("temperature", ("room", "a\"b\\c\nd")).Single().Value.ShouldBe(-1500);
    }

    [Theory]
    [InlineData("requests_total 1\n", "before a TYPE")]
    [InlineData("# TYPE requests counter\nrequests 1\n", "does not end in _total")]
    [InlineData("# TYPE a gauge\n# TYPE a gauge\na 1\n", "second TYPE")]
    [InlineData("# TYPE a gauge\na 1\n# HELP a late\n", "after its samples")]
    [InlineData("# TYPE a gauge\n# TYPE b gauge\na 1\nb 1\na{x=\"1\"} 2\n", "not contiguous")]
    [InlineData("# TYPE a gauge\na{1x=\"v\"} 1\n", "bad label name")]
    [InlineData("# TYPE a gauge\na{x=\"v\",x=\"w\"} 1\n", "duplicate label")]
    [InlineData("# TYPE a gauge\na{x=\"\\t\"} 1\n", "invalid escape")]
    [InlineData("# TYPE a gauge\na 1,5\n", "bad value")]
    [InlineData("# TYPE a gauge\na Infinity\n", "bad value")]
    [InlineData("# TYPE a gauge\na 1\na 2\n", "duplicate series")]
    [InlineData("# TYPE a gauge\na  1\n", "value and an optional timestamp")]
    [InlineData("# TYPE a gauge\na 1", "end with a line feed")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n", "not cumulative")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "!= _count")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "+Inf")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "not ascending")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n", "one _sum")]
    public void Parse_InvalidExposition_Throws(string text, string reason)
    {
        var error = Should.Throw<FormatException>(() => PrometheusTextParser.Parse(text));

        error.Message.ShouldContain(reason);
    }
}
