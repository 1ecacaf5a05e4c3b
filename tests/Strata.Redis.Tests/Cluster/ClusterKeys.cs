using Strata.Resp;

namespace Strata.Redis.Tests.Cluster;

/// <summary>The keys under a prefix on every primary, through the client's cluster-wide scan.</summary>
internal static class ClusterKeys
{
    public static async Task<List<string>> ListAsync(RespClient client, string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in client.ScanKeysAsync(prefix + "*"))
        {
            keys.Add(key);
        }

        return keys;
    }
}
