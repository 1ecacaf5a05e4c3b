namespace Strata.Resp.Tests.Cluster;

public sealed class ClusterOptionsTests
{
    [Fact]
    public void Parse_CommaSeparatedEndpoints_FillsEndpointsAndFirstHost()
    {
        var options = RespClientOptions.Parse("redis://app:secret@10.0.0.1:7000,10.0.0.2:7001, 10.0.0.3 ?cluster=enabled&clusterRefreshInterval=1500".Replace(" ?", "?", StringComparison.Ordinal));

        options.Endpoints.ShouldBe(["10.0.0.1:7000", "10.0.0.2:7001", "10.0.0.3:6379"]);
        options.Host.ShouldBe("10.0.0.1");
        options.Port.ShouldBe(7000);
        options.User.ShouldBe("app");
        options.Password.ShouldBe("secret");
        options.ClusterMode.ShouldBe(RespClusterMode.Enabled);
        options.ClusterRefreshInterval.ShouldBe(TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public void Parse_SingleEndpoint_LeavesEndpointsEmptyAndModeAuto()
    {
        var options = RespClientOptions.Parse("redis://127.0.0.1:6380/2");

        options.Endpoints.ShouldBeEmpty();
        options.ClusterMode.ShouldBe(RespClusterMode.Auto);
        options.Database.ShouldBe(2);
    }

    [Fact]
    public void Parse_SeveralEndpointsWithDatabase_IsAClearError()
    {
        var exception = Should.Throw<ArgumentException>(() => RespClientOptions.Parse("redis://h1:1,h2:2/3"));

        exception.Message.ShouldContain("Database must be 0 for a Redis Cluster");
    }

    [Fact]
    public void Parse_BadEndpointOrMode_ThrowsFormatException()
    {
        Should.Throw<FormatException>(() => RespClientOptions.Parse("redis://h1:1,h2:x"));
        Should.Throw<FormatException>(() => RespClientOptions.Parse("redis://h1:1?cluster=maybe"));
    }

    [Fact]
    public void Validate_EnabledWithDatabase_Throws()
    {
        var options = new RespClientOptions { ClusterMode = RespClusterMode.Enabled, Database = 1 };

        Should.Throw<ArgumentException>(options.Validate).Message.ShouldContain("Database must be 0");
    }
}
