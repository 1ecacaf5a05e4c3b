using System.Reflection;
using Microsoft.Extensions.Logging;
using Strata.Resp.Commands;
using Strata.Resp.Diagnostics;
using Strata.Resp.Replies;

namespace Strata.Resp.Connections;

/// <summary>
/// What a new connection sends before callers may use it: <c>HELLO 3 [AUTH] [SETNAME]</c>, or the RESP2
/// equivalents when the server refuses HELLO; the optional <c>CLIENT SETINFO</c>; <c>SELECT</c>.
/// </summary>
internal static class Handshake
{
    private static readonly string LibraryVersion =
        typeof(Handshake).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static async Task RunAsync(RespConnection connection, RespClientOptions options, ILogger logger, TimeSpan timeout)
    {
        HelloReply? hello = null;
        if (options.Protocol == RespProtocol.Resp3)
        {
            try
            {
                hello = await connection.SendAsync<ArgumentsCommand, HelloReply, HelloParser>(
                    new ArgumentsCommand("HELLO", HelloArguments(options)), timeout, duringHandshake: true).ConfigureAwait(false);
            }
            catch (RespServerException exception) when (!IsAuthenticationError(exception))
            {
                // Servers before Redis 6, and proxies that rename HELLO away, speak RESP2 only.
                RespLog.HelloRefused(logger, exception.Message, options.EndPointText);
            }
            catch (RespServerException exception)
            {
                throw AuthenticationFailed(options, exception);
            }
        }

        if (hello is null)
        {
            await LegacyHandshakeAsync(connection, options, timeout).ConfigureAwait(false);
        }
        else
        {
            connection.Protocol = hello.Protocol == 3 ? RespProtocol.Resp3 : RespProtocol.Resp2;
            connection.ClientId = hello.ClientId;
            connection.ServerVersion = hello.Version;
        }

        // CLIENT SETINFO arrived in Redis 7.2; older servers and other implementations may refuse it.
        await TryOptionalAsync(connection, logger, timeout, "CLIENT SETINFO", "SETINFO", "LIB-NAME", "strata-resp").ConfigureAwait(false);
        await TryOptionalAsync(connection, logger, timeout, "CLIENT SETINFO", "SETINFO", "LIB-VER", LibraryVersion).ConfigureAwait(false);

        if (options.Database != 0)
        {
            try
            {
                await connection.SendAsync<ArgumentsCommand, bool, OkParser>(
                    new ArgumentsCommand("SELECT", new RespArgument[] { options.Database }), timeout, duringHandshake: true).ConfigureAwait(false);
            }
            catch (RespServerException exception)
            {
                throw new RespException($"The server at {options.EndPointText} refused database {options.Database}: {exception.Message}", exception);
            }
        }
    }

    private static async Task LegacyHandshakeAsync(RespConnection connection, RespClientOptions options, TimeSpan timeout)
    {
        connection.Protocol = RespProtocol.Resp2;
        if (options.Password is not null)
        {
            RespArgument[] credentials = options.User is null ? [options.Password] : [options.User, options.Password];
            try
            {
                await connection.SendAsync<ArgumentsCommand, bool, OkParser>(new ArgumentsCommand("AUTH", credentials), timeout, duringHandshake: true).ConfigureAwait(false);
            }
            catch (RespServerException exception)
            {
                throw AuthenticationFailed(options, exception);
            }
        }

        if (options.ClientName is not null)
        {
            await connection.SendAsync<ArgumentsCommand, bool, OkParser>(
                new ArgumentsCommand("CLIENT", new RespArgument[] { "SETNAME", options.ClientName }), timeout, duringHandshake: true).ConfigureAwait(false);
        }

        try
        {
            connection.ClientId = await connection.SendAsync<ArgumentsCommand, long, Int64Parser>(
                new ArgumentsCommand("CLIENT", new RespArgument[] { "ID" }), timeout, duringHandshake: true).ConfigureAwait(false);
        }
        catch (RespServerException)
        {
            // CLIENT ID arrived in Redis 5; without it the id stays 0 and only RESP2 tracking redirects need it.
        }
    }

    private static async Task TryOptionalAsync(RespConnection connection, ILogger logger, TimeSpan timeout, string description, params RespArgument[] arguments)
    {
        try
        {
            await connection.SendAsync<ArgumentsCommand, bool, OkParser>(new ArgumentsCommand("CLIENT", arguments), timeout, duringHandshake: true).ConfigureAwait(false);
        }
        catch (RespServerException exception)
        {
            RespLog.OptionalCommandFailed(logger, description, exception.Message);
        }
    }

    private static RespArgument[] HelloArguments(RespClientOptions options)
    {
        var arguments = new List<RespArgument> { 3 };
        if (options.Password is not null)
        {
            arguments.Add("AUTH");
            arguments.Add(options.User ?? "default");
            arguments.Add(options.Password);
        }

        if (options.ClientName is not null)
        {
            arguments.Add("SETNAME");
            arguments.Add(options.ClientName);
        }

        return [.. arguments];
    }

    private static bool IsAuthenticationError(RespServerException exception) =>
        exception.ErrorCode is "WRONGPASS" or "NOAUTH" or "NOPERM"
        || exception.Message.Contains("password", StringComparison.OrdinalIgnoreCase);

    private static RespAuthenticationException AuthenticationFailed(RespClientOptions options, RespServerException exception) =>
        new($"Authentication to {options.EndPointText} as '{options.User ?? "default"}' failed: {exception.Message}", exception);
}
