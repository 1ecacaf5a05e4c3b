using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Strata.Testing;

/// <summary>
/// A real Redis Cluster (by default 3 primaries with 1 replica each) on free loopback ports, started and stopped by
/// <c>scripts/redis-cluster.sh</c> in its own temp directory, for cluster routing and chaos tests. Start with
/// <see cref="StartAsync"/>; dispose to stop every node (by process id) and delete the directory. Nothing is persisted,
/// so a restarted node comes back empty and resyncs from its primary.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private const int TotalSlots = 16384;
    private const int PortInUseExitCode = 3;

    // Bus ports are PORT + 10000; both must stay below the kernel's ephemeral range (see PortAllocator for why).
    private const int BusPortOffset = 10000;
    private const int LowestPort = 10000;

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    // Clusters still running when the test host exits are killed here so no redis-server outlives the run.
    private static readonly ConcurrentDictionary<RedisCluster, byte> Running = new();

    private readonly RedisClusterOptions _options;
    private readonly DirectoryInfo _directory;
    private readonly string _scriptPath;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private RedisClusterNode[] _nodes = [];
    private int _disposed;

    static RedisCluster()
    {
        AppDomain.CurrentDomain.ProcessExit += static (_, _) =>
        {
            foreach (var cluster in Running.Keys)
            {
                cluster.KillOnExit();
            }
        };
    }

    private RedisCluster(RedisClusterOptions options, DirectoryInfo directory, string scriptPath)
    {
        _options = options;
        _directory = directory;
        _scriptPath = scriptPath;
    }

    /// <summary>
    /// <c>redis://127.0.0.1:P1,127.0.0.1:P2,...</c>: the seed endpoints of the primaries as the cluster was created
    /// (roles may change later; any node can answer the topology).
    /// </summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Every node's <c>127.0.0.1:PORT</c>, in port order.</summary>
    public IReadOnlyList<string> SeedEndpoints => [.. _nodes.Select(n => n.Endpoint)];

    /// <summary>Every node, in port order; roles are current only through <see cref="PrimariesAsync"/> / <see cref="ReplicasAsync"/>.</summary>
    public IReadOnlyList<RedisClusterNode> Nodes => _nodes;

    /// <summary>The cluster's state folder (per node: <c>node-PORT/</c> with config, pid, log, nodes.conf); deleted on dispose.</summary>
    public string DataDirectory => _directory.FullName;

    /// <summary>Starts the cluster on a free port range and waits until it is ok with every replica in sync.</summary>
    /// <exception cref="RedisServerException">The script failed; the message carries its output and the nodes' log tails.</exception>
    public static async Task<RedisCluster> StartAsync(RedisClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? new RedisClusterOptions()).Clone();
        if (options.Primaries < 3 || options.ReplicasPerPrimary < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "A cluster needs at least 3 primaries and a non-negative replica count.");
        }

        var scriptPath = options.ScriptPath ?? Path.Combine(BuiltAssembly.RepositoryRoot(), "scripts", "redis-cluster.sh");
        var cluster = new RedisCluster(options, Directory.CreateTempSubdirectory("strata-redis-cluster-"), scriptPath);
        Running.TryAdd(cluster, 0);
        try
        {
            await cluster.StartOnFreePortsAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The primaries as the cluster sees them now (from <c>CLUSTER NODES</c> of a running node; nodes flagged <c>fail</c> excluded), in port order.</summary>
    public async Task<IReadOnlyList<RedisClusterNode>> PrimariesAsync()
    {
        var view = await ViewAsync(CancellationToken.None).ConfigureAwait(false);
        return [.. view.Where(e => e.IsPrimary && !e.IsFailed).Select(e => NodeById(e.NodeId)).OrderBy(n => n.Port)];
    }

    /// <summary>The replicas as the cluster sees them now (nodes flagged <c>fail</c> excluded), in port order.</summary>
    public async Task<IReadOnlyList<RedisClusterNode>> ReplicasAsync()
    {
        var view = await ViewAsync(CancellationToken.None).ConfigureAwait(false);
        return [.. view.Where(e => e.IsReplica && !e.IsFailed).Select(e => NodeById(e.NodeId)).OrderBy(n => n.Port)];
    }

    /// <summary>The primary that serves <paramref name="slot"/> now.</summary>
    public async Task<RedisClusterNode> PrimaryOfSlotAsync(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, TotalSlots);
        var view = await ViewAsync(CancellationToken.None).ConfigureAwait(false);
        var owner = view.FirstOrDefault(e => e.IsPrimary && e.Owns(slot))
            ?? throw new InvalidOperationException($"No primary serves slot {slot}.");
        return NodeById(owner.NodeId);
    }

    /// <summary>How many distinct primaries own the slots of <paramref name="keys"/> now (tests that keys or sets spread
    /// over every primary).</summary>
    public async Task<int> PrimariesHoldingAsync(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var slots = new HashSet<int>();
        foreach (var key in keys)
        {
            slots.Add(await KeySlotAsync(key).ConfigureAwait(false));
        }

        var ports = new HashSet<int>();
        foreach (var slot in slots)
        {
            ports.Add((await PrimaryOfSlotAsync(slot).ConfigureAwait(false)).Port);
        }

        return ports.Count;
    }

    /// <summary>A replica of <paramref name="primary"/> (a running one when there is one).</summary>
    public async Task<RedisClusterNode> ReplicaOfAsync(RedisClusterNode primary)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var view = await ViewAsync(CancellationToken.None).ConfigureAwait(false);
        var replicas = view
            .Where(e => e.IsReplica && !e.IsFailed && e.PrimaryId == primary.NodeId)
            .Select(e => NodeById(e.NodeId))
            .OrderByDescending(n => n.IsRunning)
            .ThenBy(n => n.Port)
            .ToList();
        return replicas.Count > 0 ? replicas[0] : throw new InvalidOperationException($"{primary} has no replica.");
    }

    /// <summary>The slot of a key (<c>CLUSTER KEYSLOT</c> asked of a running node).</summary>
    public async Task<int> KeySlotAsync(string key)
    {
        var reply = await RedisClusterWire.CommandAsync(AnyResponsiveNode().Port, ProbeTimeout, CancellationToken.None, "CLUSTER", "KEYSLOT", key)
            .ConfigureAwait(false);
        return (int)(long)reply!;
    }

    /// <summary>
    /// Runs <c>redis-cli -h 127.0.0.1 -p PORT args</c> (no <c>-c</c>: redirections come back as text, e.g.
    /// <c>MOVED 3999 127.0.0.1:7001</c>) and returns its stdout without the final newline.
    /// </summary>
    /// <exception cref="RedisServerException">redis-cli failed, e.g. could not connect.</exception>
    public Task<string> CliAsync(RedisClusterNode node, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(node);
        return CliAsync(node.Port, args);
    }

    /// <inheritdoc cref="CliAsync(RedisClusterNode, string[])"/>
    public async Task<string> CliAsync(int port, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        List<string> arguments = ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), .. args];
        var result = await ExternalCommand
            .RunAsync(_options.CliPath, arguments, TimeSpan.FromSeconds(30), CancellationToken.None)
            .ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new RedisServerException(
                $"redis-cli -p {port} {string.Join(' ', args)} failed with exit code {result.ExitCode}: " +
                $"{result.StandardError.Trim()} {result.StandardOutput.Trim()}");
        }

        return result.StandardOutput.TrimEnd('\n', '\r');
    }

    /// <summary>
    /// <c>CLUSTER FAILOVER</c> on <paramref name="replica"/>, then waits until every running node sees it as a primary
    /// and the cluster is healthy again (see <see cref="WaitHealthyAsync"/>).
    /// </summary>
    public async Task FailoverAsync(RedisClusterNode replica, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(replica);
        var limit = timeout ?? DefaultWaitTimeout;
        await RedisClusterWire.CommandAsync(replica.Port, ProbeTimeout, CancellationToken.None, "CLUSTER", "FAILOVER").ConfigureAwait(false);
        await WaitUntilAsync(
            async ct =>
            {
                foreach (var node in ResponsiveNodes())
                {
                    var view = await ViewOfAsync(node, ct).ConfigureAwait(false);
                    if (!view.Any(e => e.NodeId == replica.NodeId && e.IsPrimary))
                    {
                        return $"{node} does not see {replica} as a primary yet";
                    }
                }

                return null;
            },
            limit,
            $"{replica} did not become a primary").ConfigureAwait(false);
        await WaitHealthyAsync(limit).ConfigureAwait(false);
    }

    /// <summary>SIGKILLs the node (by process id) and waits until the process is gone. The cluster notices after the 2 s node timeout.</summary>
    public async Task KillAsync(RedisClusterNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        ThrowIfDisposed();
        node.IsPaused = false;
        RedisClusterProcesses.Kill(node.ProcessId);
        if (!await RedisClusterProcesses.WaitForExitAsync(node.ProcessId, TimeSpan.FromSeconds(10)).ConfigureAwait(false))
        {
            throw new RedisServerException($"{node} did not exit after SIGKILL.");
        }
    }

    /// <summary>
    /// Starts the node again (killing it first if it runs) with the same port, directory and config
    /// (<c>redis-cluster.sh start-node</c>); it rejoins with its old node id. Waits until the cluster is healthy again.
    /// </summary>
    public async Task RestartAsync(RedisClusterNode node, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            if (node.IsRunning)
            {
                await KillAsync(node).ConfigureAwait(false);
            }

            var result = await RunScriptAsync(_nodes[0].Port, timeout ?? DefaultWaitTimeout, CancellationToken.None, "start-node", node.Port.ToString(CultureInfo.InvariantCulture))
                .ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new RedisServerException($"redis-cluster.sh start-node {node.Port} failed (exit {result.ExitCode}).", result.StandardError + result.StandardOutput);
            }

            node.ProcessId = ReadProcessId(node.Port);
        }
        finally
        {
            _lifecycle.Release();
        }

        await WaitHealthyAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>SIGSTOPs the node: connections stay open, nothing is answered until <see cref="Resume"/>. The fixture's own probes skip it.</summary>
    public void Pause(RedisClusterNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        UnixSignals.Stop(node.ProcessId);
        node.IsPaused = true;
    }

    /// <summary>SIGCONTs a paused node.</summary>
    public void Resume(RedisClusterNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        UnixSignals.Continue(node.ProcessId);
        node.IsPaused = false;
    }

    /// <summary>
    /// Waits until every running, unpaused node says <c>cluster_state:ok</c> with all 16384 slots ok, every running node
    /// agrees on the primaries and flags no running node as failing, every slot is served by a running primary, and every
    /// running replica's link is up and not syncing. Default timeout 30 seconds.
    /// </summary>
    /// <exception cref="TimeoutException">Not healthy in time; the message says what was still wrong.</exception>
    public Task WaitHealthyAsync(TimeSpan? timeout = null) =>
        WaitUntilAsync(ProblemAsync, timeout ?? DefaultWaitTimeout, "The cluster did not become healthy");

    /// <summary>
    /// Moves <paramref name="slot"/> from <paramref name="from"/> to <paramref name="to"/> the way redis-cli's resharding
    /// does: <c>SETSLOT IMPORTING</c> on the target, <c>SETSLOT MIGRATING</c> on the source, <c>GETKEYSINSLOT</c> +
    /// <c>MIGRATE ... KEYS</c> in batches (at most <paramref name="keysToMove"/> keys; default all), then, when
    /// <paramref name="complete"/>, <see cref="CompleteMigrationAsync"/>. With <paramref name="complete"/> false the slot
    /// stays MIGRATING/IMPORTING: the source answers <c>ASK</c> for keys it no longer has, the target <c>MOVED</c> without ASKING.
    /// </summary>
    public async Task MigrateSlotAsync(
        int slot, RedisClusterNode from, RedisClusterNode to, bool complete = true, int? keysToMove = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var slotText = slot.ToString(CultureInfo.InvariantCulture);
        await RedisClusterWire.CommandAsync(to.Port, ProbeTimeout, cancellationToken, "CLUSTER", "SETSLOT", slotText, "IMPORTING", from.NodeId).ConfigureAwait(false);
        await RedisClusterWire.CommandAsync(from.Port, ProbeTimeout, cancellationToken, "CLUSTER", "SETSLOT", slotText, "MIGRATING", to.NodeId).ConfigureAwait(false);
        await MoveKeysAsync(slot, from, to, keysToMove ?? int.MaxValue, cancellationToken).ConfigureAwait(false);
        if (complete)
        {
            await CompleteMigrationAsync(slot, to, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Finishes a migration started with <c>complete: false</c>: moves any keys still on the source, then
    /// <c>CLUSTER SETSLOT slot NODE target</c> on the target, the source and every other primary, and waits until every
    /// running node sees <paramref name="to"/> as the slot's owner.
    /// </summary>
    public async Task CompleteMigrationAsync(int slot, RedisClusterNode to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        var slotText = slot.ToString(CultureInfo.InvariantCulture);
        var view = await ViewOfAsync(to, cancellationToken).ConfigureAwait(false);
        var source = view.FirstOrDefault(e => e.IsPrimary && e.Owns(slot)) is { } owner ? NodeById(owner.NodeId) : null;
        if (source is not null && source != to)
        {
            await MoveKeysAsync(slot, source, to, int.MaxValue, cancellationToken).ConfigureAwait(false);
        }

        await RedisClusterWire.CommandAsync(to.Port, ProbeTimeout, cancellationToken, "CLUSTER", "SETSLOT", slotText, "NODE", to.NodeId).ConfigureAwait(false);
        var primaries = view.Where(e => e.IsPrimary && !e.IsFailed && e.NodeId != to.NodeId).Select(e => NodeById(e.NodeId))
            .OrderByDescending(n => n == source)
            .Where(n => n.IsRunning && !n.IsPaused);
        foreach (var primary in primaries)
        {
            await RedisClusterWire.CommandAsync(primary.Port, ProbeTimeout, cancellationToken, "CLUSTER", "SETSLOT", slotText, "NODE", to.NodeId).ConfigureAwait(false);
        }

        await WaitUntilAsync(
            async ct =>
            {
                foreach (var node in ResponsiveNodes())
                {
                    var nodeView = await ViewOfAsync(node, ct).ConfigureAwait(false);
                    if (!nodeView.Any(e => e.NodeId == to.NodeId && e.Owns(slot)))
                    {
                        return $"{node} does not see {to} as the owner of slot {slot} yet";
                    }
                }

                return null;
            },
            DefaultWaitTimeout,
            $"Slot {slot} did not settle on {to}").ConfigureAwait(false);
    }

    /// <summary>Stops the cluster (<c>redis-cluster.sh stop</c>), kills any node still alive by pid, and deletes the directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            var stop = await RunScriptAsync(_nodes.Length > 0 ? _nodes[0].Port : LowestPort, TimeSpan.FromSeconds(30), CancellationToken.None, "stop")
                .ConfigureAwait(false);
            _ = stop;
        }
        catch (Exception ex) when (ex is TimeoutException or RedisServerException or IOException)
        {
            // The fallback below still kills every node.
        }
        finally
        {
            foreach (var processId in KnownProcessIds())
            {
                RedisClusterProcesses.Kill(processId);
            }

            foreach (var processId in KnownProcessIds())
            {
                await RedisClusterProcesses.WaitForExitAsync(processId, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }

            Running.TryRemove(this, out _);
            DeleteDirectory();
            _lifecycle.Release();
        }
    }

    private int NodeCount => _options.Primaries * (1 + _options.ReplicasPerPrimary);

    /// <summary>A base port whose node ports and bus ports are all free right now.</summary>
    private int PickBasePort()
    {
        var highest = Math.Max(LowestPort + 1000, PortAllocator.ReadEphemeralRange().Low - BusPortOffset - NodeCount);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var candidate = Random.Shared.Next(LowestPort, highest);
            if (Enumerable.Range(candidate, NodeCount).All(p => PortAllocator.IsFree(p) && PortAllocator.IsFree(p + BusPortOffset)))
            {
                return candidate;
            }
        }

        throw new RedisServerException($"Found no {NodeCount} consecutive free ports (plus bus ports) for a cluster.");
    }

    private async Task StartOnFreePortsAsync(CancellationToken cancellationToken)
    {
        const int Attempts = 5;
        ExternalCommandResult result = default;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // Between picking the ports and the nodes binding them another process may take one; then pick another range.
            var basePort = PickBasePort();
            result = await RunScriptAsync(basePort, _options.StartTimeout, cancellationToken, "start").ConfigureAwait(false);
            if (result.ExitCode == PortInUseExitCode)
            {
                continue;
            }

            if (result.ExitCode != 0)
            {
                throw new RedisServerException(
                    $"redis-cluster.sh start failed with exit code {result.ExitCode}.", $"{result.StandardOutput}{result.StandardError}".Trim());
            }

            await LoadNodesAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        throw new RedisServerException($"redis-cluster.sh found no free port range in {Attempts} attempts.", result.StandardError.Trim());
    }

    private async Task LoadNodesAsync(CancellationToken cancellationToken)
    {
        var ports = (await File.ReadAllLinesAsync(Path.Combine(_directory.FullName, "ports"), cancellationToken).ConfigureAwait(false))
            .Where(l => l.Length > 0)
            .Select(l => int.Parse(l, CultureInfo.InvariantCulture))
            .Order()
            .ToList();
        var nodes = new List<RedisClusterNode>();
        foreach (var port in ports)
        {
            var id = await RedisClusterWire.TextAsync(port, ProbeTimeout, cancellationToken, "CLUSTER", "MYID").ConfigureAwait(false);
            nodes.Add(new RedisClusterNode(port, id, ReadProcessId(port)));
        }

        _nodes = [.. nodes];
        var view = await ViewAsync(cancellationToken).ConfigureAwait(false);
        var primaries = view.Where(e => e.IsPrimary).Select(e => e.Port).Order();
        ConnectionString = "redis://" + string.Join(',', primaries.Select(p => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"));
    }

    private int ReadProcessId(int port)
    {
        var path = Path.Combine(_directory.FullName, $"node-{port.ToString(CultureInfo.InvariantCulture)}", "redis.pid");
        return int.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);
    }

    private async Task<ExternalCommandResult> RunScriptAsync(int basePort, TimeSpan timeout, CancellationToken cancellationToken, params string[] args)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(_scriptPath);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["REDIS_CLUSTER_PORT"] = basePort.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["REDIS_CLUSTER_DIR"] = _directory.FullName;
        startInfo.Environment["REDIS_CLUSTER_PRIMARIES"] = _options.Primaries.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["REDIS_CLUSTER_REPLICAS"] = _options.ReplicasPerPrimary.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["REDIS_CLUSTER_TIMEOUT"] = Math.Max(1, (int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new RedisServerException($"Could not run bash {_scriptPath} ({ex.Message}).", string.Empty, ex);
        }

        process.StandardInput.Close();
        // The script sends the nodes' output to their log files, so these reach the end when the script exits.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The script bounds its own waits by REDIS_CLUSTER_TIMEOUT; this is the backstop.
        timeoutSource.CancelAfter(timeout + TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"redis-cluster.sh {string.Join(' ', args)} did not finish. stderr: {await stderr.ConfigureAwait(false)}");
        }

        return new ExternalCommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private IEnumerable<RedisClusterNode> ResponsiveNodes() => _nodes.Where(n => n.IsRunning && !n.IsPaused);

    private RedisClusterNode AnyResponsiveNode() =>
        ResponsiveNodes().FirstOrDefault() ?? throw new InvalidOperationException("No node of the cluster is running.");

    private RedisClusterNode NodeById(string nodeId) =>
        _nodes.FirstOrDefault(n => n.NodeId == nodeId) ?? throw new InvalidOperationException($"Unknown node id {nodeId}.");

    private async Task<IReadOnlyList<RedisClusterViewEntry>> ViewOfAsync(RedisClusterNode node, CancellationToken cancellationToken) =>
        RedisClusterViewEntry.Parse(
            await RedisClusterWire.TextAsync(node.Port, ProbeTimeout, cancellationToken, "CLUSTER", "NODES").ConfigureAwait(false));

    /// <summary>The view of the first running, unpaused node that answers.</summary>
    private async Task<IReadOnlyList<RedisClusterViewEntry>> ViewAsync(CancellationToken cancellationToken)
    {
        Exception? last = null;
        foreach (var node in ResponsiveNodes())
        {
            try
            {
                return await ViewOfAsync(node, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or RedisServerException)
            {
                last = ex;
            }
        }

        throw new InvalidOperationException("No node of the cluster answered CLUSTER NODES.", last);
    }

    /// <summary>Null when healthy, otherwise the first problem found.</summary>
    private async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        var responsive = ResponsiveNodes().ToList();
        if (responsive.Count == 0)
        {
            return "no node is running";
        }

        var running = _nodes.Where(n => n.IsRunning).Select(n => n.NodeId).ToHashSet();
        string? primariesSeen = null;
        foreach (var node in responsive)
        {
            var info = await RedisClusterWire.TextAsync(node.Port, ProbeTimeout, cancellationToken, "CLUSTER", "INFO").ConfigureAwait(false);
            if (Field(info, "cluster_state") != "ok")
            {
                return $"{node}: cluster_state:{Field(info, "cluster_state")}";
            }

            if (Field(info, "cluster_slots_ok") != "16384")
            {
                return $"{node}: cluster_slots_ok:{Field(info, "cluster_slots_ok")}";
            }

            var view = await ViewOfAsync(node, cancellationToken).ConfigureAwait(false);
            if (view.FirstOrDefault(e => running.Contains(e.NodeId) && e.IsUnhealthy) is { } flagged)
            {
                return $"{node} flags {NodeById(flagged.NodeId)} as {string.Join(',', flagged.Flags)}";
            }

            if (running.FirstOrDefault(id => view.All(e => e.NodeId != id)) is { } unknown)
            {
                return $"{node} does not know {NodeById(unknown)}";
            }

            if (view.FirstOrDefault(e => e.IsPrimary && e.SlotCount > 0 && !running.Contains(e.NodeId)) is { } dead)
            {
                return $"{node} still routes slots to the stopped {NodeById(dead.NodeId)}";
            }

            var primaries = string.Join(',', view.Where(e => e.IsPrimary && e.SlotCount > 0).Select(e => e.NodeId).Order());
            if (primariesSeen is not null && primariesSeen != primaries)
            {
                return $"{node} disagrees about the primaries";
            }

            primariesSeen = primaries;

            var replication = await RedisClusterWire.TextAsync(node.Port, ProbeTimeout, cancellationToken, "INFO", "replication").ConfigureAwait(false);
            if (Field(replication, "role") == "slave" &&
                (Field(replication, "master_link_status") != "up" || Field(replication, "master_sync_in_progress") != "0"))
            {
                return $"{node}: replica link {Field(replication, "master_link_status")}, sync in progress {Field(replication, "master_sync_in_progress")}";
            }
        }

        return null;
    }

    private static string? Field(string info, string name)
    {
        var prefix = name + ":";
        foreach (var line in info.Split('\n'))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..].TrimEnd('\r');
            }
        }

        return null;
    }

    private static async Task WaitUntilAsync(Func<CancellationToken, Task<string?>> problem, TimeSpan timeout, string failure)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        string? last;
        while (true)
        {
            try
            {
                last = await problem(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or RedisServerException)
            {
                // A node mid-restart or mid-failover refuses or errors; that is a state to wait out, not a failure.
                last = ex.Message;
            }

            if (last is null)
            {
                return;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{failure} within {timeout.TotalSeconds:0.#} s: {last}");
            }

            // Cluster state converges by gossip (no event to await); 50 ms keeps the probes cheap on 2 cores.
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private async Task MoveKeysAsync(int slot, RedisClusterNode from, RedisClusterNode to, int limit, CancellationToken cancellationToken)
    {
        const int Batch = 100;
        var slotText = slot.ToString(CultureInfo.InvariantCulture);
        var moved = 0;
        while (moved < limit)
        {
            var reply = (object?[]?)await RedisClusterWire
                .CommandAsync(from.Port, ProbeTimeout, cancellationToken, "CLUSTER", "GETKEYSINSLOT", slotText, Math.Min(Batch, limit - moved).ToString(CultureInfo.InvariantCulture))
                .ConfigureAwait(false);
            var keys = reply?.Select(k => (string)k!).ToList() ?? [];
            if (keys.Count == 0)
            {
                return;
            }

            // REPLACE: a key left on the target by an earlier, interrupted move must not make the batch fail.
            List<string> migrate = ["MIGRATE", "127.0.0.1", to.Port.ToString(CultureInfo.InvariantCulture), string.Empty, "0", "10000", "REPLACE", "KEYS", .. keys];
            await RedisClusterWire.CommandAsync(from.Port, TimeSpan.FromSeconds(15), cancellationToken, [.. migrate]).ConfigureAwait(false);
            moved += keys.Count;
        }
    }

    private IEnumerable<int> KnownProcessIds()
    {
        var ids = _nodes.Select(n => n.ProcessId).ToHashSet();
        try
        {
            // Also nodes the fixture never loaded (a start that failed half-way).
            foreach (var file in Directory.EnumerateFiles(_directory.FullName, "redis.pid", SearchOption.AllDirectories))
            {
                if (int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var id))
                {
                    ids.Add(id);
                }
            }
        }
        catch (IOException)
        {
            // The script already removed the folder.
        }

        return ids;
    }

    private void DeleteDirectory()
    {
        try
        {
            if (_directory.Exists)
            {
                _directory.Delete(recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temp dir is harmless and must not fail a test's teardown.
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private void KillOnExit()
    {
        try
        {
            foreach (var processId in KnownProcessIds())
            {
                RedisClusterProcesses.Kill(processId);
            }

            DeleteDirectory();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // The process is going away anyway; nothing more to do.
        }
    }
}
