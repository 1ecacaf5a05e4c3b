using Strata.Resp.Cluster;

namespace Strata.Resp.Tests.Cluster;

public sealed class RedirectTests
{
    [Theory]
    [InlineData("MOVED 3999 127.0.0.1:6381", false, 3999, "127.0.0.1", 6381)]
    [InlineData("ASK 12182 10.0.0.5:7002", true, 12182, "10.0.0.5", 7002)]
    [InlineData("MOVED 0 redis-2.internal:6379", false, 0, "redis-2.internal", 6379)]
    [InlineData("MOVED 16383 :6380", false, 16383, "replying.host", 6380)]
    [InlineData("MOVED 1 ?:6380", false, 1, "replying.host", 6380)]
    [InlineData("ASK 7 [::1]:7000", true, 7, "::1", 7000)]
    public void TryParse_Redirect_ReadsSlotAndAddress(string error, bool ask, int slot, string host, int port)
    {
        Redirect.TryParse(error, "replying.host", out var redirect).ShouldBeTrue();

        redirect!.Value.ShouldBe(new Redirect(ask, slot, host, port));
    }

    [Theory]
    [InlineData("ERR unknown command")]
    [InlineData("MOVED")]
    [InlineData("MOVED 16384 127.0.0.1:6379")]
    [InlineData("MOVED x 127.0.0.1:6379")]
    [InlineData("MOVED 1 127.0.0.1")]
    [InlineData("MOVED 1 127.0.0.1:0")]
    [InlineData("ASKING 1 127.0.0.1:6379")]
    [InlineData(null)]
    public void TryParse_NotARedirect_ReturnsFalse(string? error) =>
        Redirect.TryParse(error, "h", out _).ShouldBeFalse();
}
