using Strata.Resp.Commands;
using Strata.Resp.Replies;
using Strata.Resp.Scripting;

namespace Strata.Resp;

public sealed partial class RespClient
{
    /// <summary>
    /// Runs <paramref name="script"/> with <c>EVALSHA</c>; if the server answers <c>NOSCRIPT</c>, sends the source
    /// with <c>EVAL</c> (which also caches it) and returns that result. Script errors throw <see cref="RespServerException"/>.
    /// </summary>
    /// <param name="script">The script.</param>
    /// <param name="keys">The keys the script touches (KEYS[1..]); in a cluster they must share a slot.</param>
    /// <param name="arguments">The other arguments (ARGV[1..]).</param>
    /// <param name="cancellationToken">Stops waiting for the reply.</param>
    public async Task<RespValue> EvaluateAsync(RespScript script, IReadOnlyList<string>? keys = null, IReadOnlyList<RespArgument>? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var keyArray = keys is null ? [] : CheckScriptKeys(keys);
        var argumentArray = CheckScriptArguments(arguments, "EVALSHA");
        try
        {
            return await SendAsync<EvalCommand, RespValue, ValueParser>(
                new EvalCommand(CommandName.EvalSha, script.Sha1, keyArray, argumentArray), cancellationToken).ConfigureAwait(false);
        }
        catch (RespServerException exception) when (exception.ErrorCode == "NOSCRIPT")
        {
            return await SendAsync<EvalCommand, RespValue, ValueParser>(
                new EvalCommand(CommandName.Eval, script.Source, keyArray, argumentArray), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><c>EVAL source numkeys key... arg...</c>: runs a script given as source.</summary>
    public Task<RespValue> EvaluateAsync(string source, IReadOnlyList<string>? keys = null, IReadOnlyList<RespArgument>? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var keyArray = keys is null ? [] : CheckScriptKeys(keys);
        return SendAsync<EvalCommand, RespValue, ValueParser>(
            new EvalCommand(CommandName.Eval, source, keyArray, CheckScriptArguments(arguments, "EVAL")), cancellationToken).AsTask();
    }

    /// <summary>Copies the arguments, refusing any over <see cref="RespClientOptions.MaxValueLength"/> before anything
    /// is written (as every other command does).</summary>
    private RespArgument[] CheckScriptArguments(IReadOnlyList<RespArgument>? arguments, string command)
    {
        var copy = arguments?.ToArray() ?? [];
        foreach (var argument in copy)
        {
            CheckValueLength(argument.ByteCount, "command", command);
        }

        return copy;
    }

    /// <summary><c>SCRIPT LOAD source</c>: caches a script on the server and returns its SHA1.</summary>
    public async Task<string> ScriptLoadAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return await SendAsync<ArgumentsCommand, string?, StringParser>(
            new ArgumentsCommand(CommandName.Script.Text, new RespArgument[] { "LOAD", source }), cancellationToken).ConfigureAwait(false)
            ?? throw new RespProtocolException("SCRIPT LOAD returned null.");
    }

    private static string[] CheckScriptKeys(IReadOnlyList<string> keys)
    {
        var copy = keys.ToArray();
        foreach (var key in copy)
        {
            CheckKey(key, nameof(keys));
        }

        return copy;
    }
}
