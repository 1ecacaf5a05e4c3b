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
        CheckScriptSlot(keyArray, "EVALSHA");
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
        CheckScriptSlot(keyArray, "EVAL");
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
        if (_cluster is { } cluster)
        {
            // Scripts are cached per node: load it on every primary, so EVALSHA works wherever its keys live.
            var loads = cluster.Map.Primaries.Select(node => cluster.SendToNodeAsync<ArgumentsCommand, string?, StringParser>(
                node, new ArgumentsCommand(CommandName.Script.Text, new RespArgument[] { "LOAD", source }), cancellationToken).AsTask());
            var shas = await Task.WhenAll(loads).ConfigureAwait(false);
            return shas.FirstOrDefault() ?? throw new RespProtocolException("SCRIPT LOAD returned null.");
        }

        return await SendAsync<ArgumentsCommand, string?, StringParser>(
            new ArgumentsCommand(CommandName.Script.Text, new RespArgument[] { "LOAD", source }), cancellationToken).ConfigureAwait(false)
            ?? throw new RespProtocolException("SCRIPT LOAD returned null.");
    }

    /// <summary>In a cluster a script runs on one node, so its keys must share a slot; says which slots they are in.</summary>
    private void CheckScriptSlot(string[] keys, string command)
    {
        if (_cluster is null || keys.Length < 2 || KeysCommand.SlotOf(keys) != IRespCommand.CrossSlot)
        {
            return;
        }

        var slots = string.Join(", ", keys.Select(static k => $"'{k}' → slot {Cluster.HashSlot.Of(k)}"));
        throw new RespException(
            $"{command}: a script runs on one cluster node, so its keys must share a hash slot; these do not ({slots}). " +
            "Give them a common hash tag, e.g. {user:1}:a and {user:1}:b. Nothing was sent.");
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
