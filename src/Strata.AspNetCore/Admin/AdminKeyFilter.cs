using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Strata.AspNetCore.Admin;

/// <summary>
/// The default guard of the admin endpoints: <c>Authorization: Bearer {ApiKey}</c>. No or malformed credentials → 401
/// with a <c>WWW-Authenticate</c> challenge; a different key → 403. Keys are compared as SHA-256 digests in constant
/// time, so neither the key's length nor its prefix leaks through timing.
/// </summary>
internal sealed class AdminKeyFilter : IEndpointFilter
{
    private readonly byte[] _expectedDigest;

    public AdminKeyFilter(IOptions<StrataAdminOptions> options)
    {
        _expectedDigest = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey ?? string.Empty));
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"strata-admin\"";
            return ValueTask.FromResult<object?>(AdminProblems.Unauthorized());
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header.AsSpan(Scheme.Length).Trim().ToString()));
        if (!CryptographicOperations.FixedTimeEquals(presented, _expectedDigest))
        {
            return ValueTask.FromResult<object?>(AdminProblems.Forbidden());
        }

        return next(context);
    }
}
