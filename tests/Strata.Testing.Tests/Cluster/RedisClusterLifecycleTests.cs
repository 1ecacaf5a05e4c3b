using System.Diagnostics;

namespace Strata.Testing.Tests.Cluster;

public sealed class RedisClusterLifecycleTests
{
    [Fact]
    public async Task StartThenDispose_LeavesNoProcessAndNoDirectory()
    {
        var stopwatch = Stopwatch.StartNew();
        var cluster = await RedisCluster.StartAsync();
        var startTime = stopwatch.Elapsed;
        var processIds = cluster.Nodes.Select(n => n.ProcessId).ToList();
        var directory = cluster.DataDirectory;
        try
        {
            cluster.Nodes.Count.ShouldBe(6);
            cluster.Nodes.ShouldAllBe(n => n.IsRunning && n.NodeId.Length == 40);
            cluster.Nodes.Select(n => n.Port).Distinct().Count().ShouldBe(6);
            Directory.Exists(directory).ShouldBeTrue();
            startTime.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        processIds.ShouldAllBe(pid => !IsLiveProcess(pid));
        Directory.Exists(directory).ShouldBeFalse();
    }

    // A node is not our child (the script started it), so the container's init may leave it as a zombie: gone
    // means no /proc entry or state Z.
    private static bool IsLiveProcess(int processId)
    {
        var stat = $"/proc/{processId}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        var text = File.ReadAllText(stat);
        return text[text.LastIndexOf(')') + 2] is not ('Z' or 'X');
    }
}
