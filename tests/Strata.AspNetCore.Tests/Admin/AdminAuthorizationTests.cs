using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Tests.Admin;

/// <summary>The admin API is never open: 401 without credentials, 403 with wrong ones, 200 with the right ones.</summary>
public sealed class AdminAuthorizationTests
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/cache/health" },
        { "GET", "/cache/health/detailed" },
        { "GET", "/cache/stats" },
        { "POST", "/cache/clear" },
        { "POST", "/cache/clear/flights" },
        { "POST", "/cache/clear/tag/trip:1" },
        { "DELETE", "/cache/keys/k1" },
        { "GET", "/cache/keys" },
        { "GET", "/cache/test" },
        { "GET", "/cache/ratelimits" },
        { "POST", "/cache/warm" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AdminEndpoint_ByCredentials_401Then403Then200(string method, string path)
    {
        await using var host = await AdminHost.StartAsync(services: b => b.Services.AddStrataWarmup(o => o.RunAtStartup = false));
        var verb = new HttpMethod(method);

        using (var none = await host.SendAsync(verb, path, key: null))
        {
            none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            none.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
            none.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        using (var wrong = await host.SendAsync(verb, path, key: "not-the-admin-key-at-all"))
        {
            wrong.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            wrong.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        using var right = await host.SendAsync(verb, path);
        right.StatusCode.ShouldBe(HttpStatusCode.OK, await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AdminEndpoint_BasicSchemeOrEmptyBearer_Is401()
    {
        await using var host = await AdminHost.StartAsync();
        using var basic = new HttpRequestMessage(HttpMethod.Get, "/cache/stats");
        basic.Headers.TryAddWithoutValidation("Authorization", "Basic " + AdminHost.Key);
        (await host.Client.SendAsync(basic)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var empty = new HttpRequestMessage(HttpMethod.Get, "/cache/stats");
        empty.Headers.TryAddWithoutValidation("Authorization", "Bearer ");
        (await host.Client.SendAsync(empty)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(null, "set ApiKey")]
    [InlineData("short", "at least 16 characters")]
    public async Task Start_WithoutUsableKeyOrPolicy_FailsNamingTheOption(string? key, string message)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddStrata();
        builder.Services.AddStrataAdmin(o => o.ApiKey = key);
        await using var app = builder.Build();

        // Mapping reads the options, so the misconfiguration surfaces there, before the host serves anything.
        var error = await Should.ThrowAsync<OptionsValidationException>(async () =>
        {
            app.MapStrataAdmin();
            await app.StartAsync();
        });
        error.Message.ShouldContain(message);
    }

    [Fact]
    public async Task HostPolicy_ReplacesTheKey_AndItsMiddlewareAnswers401And403()
    {
        await using var host = await AdminHost.StartAsync(
            admin: o => { o.ApiKey = null; o.AuthorizationPolicy = "ops"; },
            services: b =>
            {
                b.Services.AddAuthentication("header").AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>("header", null);
                b.Services.AddAuthorizationBuilder().AddPolicy("ops", p => p.RequireRole("ops"));
            });

        using (var anonymous = await host.SendAsync(HttpMethod.Get, "/cache/stats", key: null))
        {
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var user = new HttpRequestMessage(HttpMethod.Get, "/cache/stats"))
        {
            user.Headers.Add("X-Test-User", "alice:user");
            (await host.Client.SendAsync(user)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        using var ops = new HttpRequestMessage(HttpMethod.Get, "/cache/stats");
        ops.Headers.Add("X-Test-User", "bob:ops");
        (await host.Client.SendAsync(ops)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The API key means nothing once the host's policy guards the API.
        (await host.SendAsync(HttpMethod.Get, "/cache/stats")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>Authenticates "X-Test-User: name:role"; nothing else.</summary>
    private sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var value = Request.Headers["X-Test-User"].ToString();
            if (value.Split(':') is not [var name, var role])
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
