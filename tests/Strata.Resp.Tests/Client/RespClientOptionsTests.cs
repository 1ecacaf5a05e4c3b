namespace Strata.Resp.Tests.Client;

public sealed class RespClientOptionsTests
{
    [Fact]
    public void Parse_FullConnectionString_ReadsEveryPart()
    {
        var options = RespClientOptions.Parse("redis://app:p%40ss%3Aword@cache.internal:6380/2?name=svc&protocol=2&connectTimeout=1500&commandTimeout=250");

        options.Host.ShouldBe("cache.internal");
        options.Port.ShouldBe(6380);
        options.User.ShouldBe("app");
        options.Password.ShouldBe("p@ss:word");
        options.Database.ShouldBe(2);
        options.ClientName.ShouldBe("svc");
        options.Protocol.ShouldBe(RespProtocol.Resp2);
        options.ConnectTimeout.ShouldBe(TimeSpan.FromMilliseconds(1500));
        options.CommandTimeout.ShouldBe(TimeSpan.FromMilliseconds(250));
        options.UseTls.ShouldBeFalse();
    }

    [Fact]
    public void Parse_Minimal_UsesDefaults()
    {
        var options = RespClientOptions.Parse("redis://localhost");

        (options.Host, options.Port, options.Database, options.User, options.Password).ShouldBe(("localhost", 6379, 0, (string?)null, (string?)null));
        options.Protocol.ShouldBe(RespProtocol.Resp3);
    }

    [Fact]
    public void Parse_Rediss_TurnsOnTls()
    {
        RespClientOptions.Parse("rediss://127.0.0.1:6390").UseTls.ShouldBeTrue();
    }

    [Fact]
    public void Parse_PasswordOnly_AuthenticatesDefaultUser()
    {
        var options = RespClientOptions.Parse("redis://:secret@host");

        options.User.ShouldBeNull();
        options.Password.ShouldBe("secret");
    }

    [Fact]
    public void Parse_Ipv6Host_StripsBrackets()
    {
        var options = RespClientOptions.Parse("redis://[::1]:7000");

        (options.Host, options.Port).ShouldBe(("::1", 7000));
    }

    [Theory]
    [InlineData("not a url", "is not a connection string")]
    [InlineData("http://host", "scheme 'http'")]
    [InlineData("redis://host/abc", "database 'abc'")]
    [InlineData("redis://host?protocol=4", "must be 2 or 3")]
    [InlineData("redis://host?commandTimeout=-5", "positive number of milliseconds")]
    [InlineData("redis://host?colour=blue", "'colour' is not known")]
    public void Parse_Invalid_ThrowsFormatExceptionNamingThePart(string connectionString, string expected)
    {
        Should.Throw<FormatException>(() => RespClientOptions.Parse(connectionString)).Message.ShouldContain(expected);
    }

    [Fact]
    public void Parse_Invalid_DoesNotEchoThePassword()
    {
        var error = Should.Throw<FormatException>(() => RespClientOptions.Parse("redis://u:topsecret@host/x"));

        error.Message.ShouldNotContain("topsecret");
    }

    [Fact]
    public void Validate_SeveralProblems_NamesEachOne()
    {
        var options = new RespClientOptions { Port = 0, Database = -1, CommandTimeout = TimeSpan.Zero, User = "u" };

        var error = Should.Throw<ArgumentException>(options.Validate);

        error.Message.ShouldContain("Port");
        error.Message.ShouldContain("Database");
        error.Message.ShouldContain("CommandTimeout");
        error.Message.ShouldContain("User is set without a Password");
    }
}
