using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Strata.RateLimiting.AspNetCore.Tests;

public sealed class BadInputTests
{
    private static readonly Func<string, RateLimiter> AnyLimiter =
        _ => new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1 });

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void AddStrataPolicy_MissingName_ThrowsNamingPolicyName(string? name)
    {
        var error = Should.Throw<ArgumentException>(() => new RateLimiterOptions().AddStrataPolicy(name!, _ => "k", AnyLimiter));

        error.ParamName.ShouldBe("policyName");
    }

    [Fact]
    public void AddStrataPolicy_NullArguments_ThrowNamingThem()
    {
        var options = new RateLimiterOptions();

        Should.Throw<ArgumentNullException>(() => options.AddStrataPolicy("p", (Func<HttpContext, RateLimitPartition<string>>)null!))
            .ParamName.ShouldBe("partitioner");
        Should.Throw<ArgumentNullException>(() => options.AddStrataPolicy("p", null!, AnyLimiter)).ParamName.ShouldBe("partitionKey");
        Should.Throw<ArgumentNullException>(() => options.AddStrataPolicy("p", _ => "k", (Func<string, RateLimiter>)null!))
            .ParamName.ShouldBe("limiterFactory");
        Should.Throw<ArgumentNullException>(() => options.AddStrataPolicy("p", _ => "k", (PartitionedRateLimiter<string>)null!))
            .ParamName.ShouldBe("limiter");
        Should.Throw<ArgumentNullException>(() => ((RateLimiterOptions)null!).UseStrataRejection()).ParamName.ShouldBe("options");
        Should.Throw<ArgumentNullException>(() => options.UseStrataRejection(null!)).ParamName.ShouldBe("configure");
        Should.Throw<ArgumentNullException>(() => options.UseStrataGlobalLimiter(null!, AnyLimiter)).ParamName.ShouldBe("partitionKey");
        Should.Throw<ArgumentNullException>(() => options.UseStrataGlobalLimiter(_ => "k", (Func<string, RateLimiter>)null!))
            .ParamName.ShouldBe("limiterFactory");
        Should.Throw<ArgumentNullException>(() => options.UseStrataGlobalLimiter(_ => "k", (PartitionedRateLimiter<string>)null!))
            .ParamName.ShouldBe("limiter");
    }

    [Fact]
    public void AddStrataPolicy_SameNameTwice_ThrowsLikeAspNetCore()
    {
        var options = new RateLimiterOptions().AddStrataPolicy("p", _ => "k", AnyLimiter);

        Should.Throw<ArgumentException>(() => options.AddStrataPolicy("p", _ => "k", AnyLimiter)).Message.ShouldContain("p");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(399)]
    [InlineData(600)]
    public void UseStrataRejection_NonErrorStatus_ThrowsNamingRejectionStatusCode(int status)
    {
        var error = Should.Throw<ArgumentException>(() => new RateLimiterOptions().UseStrataRejection(o => o.RejectionStatusCode = status));

        error.Message.ShouldContain("StrataRateLimitResponseOptions.RejectionStatusCode");
        error.Message.ShouldContain(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void UseStrataRejection_EmptyProblemType_ThrowsNamingProblemType() =>
        Should.Throw<ArgumentException>(() => new RateLimiterOptions().UseStrataRejection(o => o.ProblemType = ""))
            .Message.ShouldContain("ProblemType");

    [Fact]
    public void UseStrataRejection_EmptyProblemTitle_ThrowsNamingProblemTitle() =>
        Should.Throw<ArgumentException>(() => new RateLimiterOptions().UseStrataRejection(o => o.ProblemTitle = " "))
            .Message.ShouldContain("ProblemTitle");

    [Fact]
    public void UseStrataRejection_Defaults_Set429()
    {
        var options = new RateLimiterOptions().UseStrataRejection();

        options.RejectionStatusCode.ShouldBe(StatusCodes.Status429TooManyRequests);
        options.OnRejected.ShouldNotBeNull();
    }

    [Fact]
    public void PartitionKeyHelpers_InvalidArguments_ThrowNamingThem()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => HttpPartitionKeys.ClientIp(0)).ParamName.ShouldBe("ipv6PrefixLength");
        Should.Throw<ArgumentOutOfRangeException>(() => HttpPartitionKeys.ClientIp(129)).ParamName.ShouldBe("ipv6PrefixLength");
        Should.Throw<ArgumentException>(() => HttpPartitionKeys.ApiKey("")).ParamName.ShouldBe("headerName");
        Should.Throw<ArgumentException>(() => HttpPartitionKeys.User(" ")).ParamName.ShouldBe("claimType");
        Should.Throw<ArgumentException>(() => HttpPartitionKeys.Combine()).ParamName.ShouldBe("selectors");
        Should.Throw<ArgumentNullException>(() => HttpPartitionKeys.Route(null!)).ParamName.ShouldBe("context");
    }

    [Fact]
    public void PipelineExtensions_NullBuilder_Throw()
    {
        Should.Throw<ArgumentNullException>(() => ((IApplicationBuilder)null!).UseStrataRateLimiter()).ParamName.ShouldBe("app");
        Should.Throw<ArgumentNullException>(() => ((IApplicationBuilder)null!).UseStrataRateLimitHeaders()).ParamName.ShouldBe("app");
    }

    [Fact]
    public void AddStrataRateLimit_NullArguments_ThrowNamingThem()
    {
        Should.Throw<ArgumentNullException>(() => ((IHttpClientBuilder)null!).AddStrataRateLimit(_ => { })).ParamName.ShouldBe("builder");
        Should.Throw<ArgumentNullException>(() => new ServiceCollection().AddHttpClient("c").AddStrataRateLimit(null!))
            .ParamName.ShouldBe("configure");
    }

    [Fact]
    public void AddStrataRateLimit_NegativeMaxWait_FailsValidationNamingOptionAndClient()
    {
        var error = Should.Throw<OptionsValidationException>(() => CreateClient(o => o.MaxWait = TimeSpan.FromSeconds(-1)));

        error.Message.ShouldContain("HttpClientRateLimitOptions.MaxWait");
        error.Message.ShouldContain("'supplier'");
    }

    [Fact]
    public void AddStrataRateLimit_HugeMaxUpstreamHold_FailsValidationNamingIt() =>
        Should.Throw<OptionsValidationException>(() => CreateClient(o => o.MaxUpstreamHold = TimeSpan.FromDays(2)))
            .Message.ShouldContain("HttpClientRateLimitOptions.MaxUpstreamHold");

    [Fact]
    public void AddStrataRateLimit_TwoLimiters_FailsValidationNamingThem()
    {
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1 });
        using var partitioned = PartitionedRateLimiter.Create<HttpRequestMessage, int>(_ => RateLimitPartition.GetNoLimiter(0));

        Should.Throw<OptionsValidationException>(() => CreateClient(o =>
        {
            o.Limiter = limiter;
            o.PartitionedLimiter = partitioned;
        })).Message.ShouldContain("Limiter, PartitionedLimiter and LimiterFactory");
    }

    [Fact]
    public void AddStrataRateLimit_NullPartitionKeySelector_FailsValidationNamingIt() =>
        Should.Throw<OptionsValidationException>(() => CreateClient(o => o.PartitionKeySelector = null!))
            .Message.ShouldContain("HttpClientRateLimitOptions.PartitionKeySelector");

    [Fact]
    public void AddStrataRateLimit_FactoryReturningNull_ThrowsNamingLimiterFactory() =>
        Should.Throw<InvalidOperationException>(() => CreateClient(o => o.LimiterFactory = _ => null!))
            .Message.ShouldContain("HttpClientRateLimitOptions.LimiterFactory returned null");

    private static HttpClient CreateClient(Action<HttpClientRateLimitOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("supplier").AddStrataRateLimit(configure);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("supplier");
    }
}
