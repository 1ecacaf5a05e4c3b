using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using System.Diagnostics.Metrics;

namespace Strata.Resp;

/// <summary>How a <see cref="RespClient"/> connects and behaves. Every default is written on its property.</summary>
public sealed class RespClientOptions
{
    /// <summary>The server's host name or IP address. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The server's port. Default 6379.</summary>
    public int Port { get; set; } = 6379;

    /// <summary>
    /// Seed endpoints (<c>host:port</c>) of a Redis Cluster; when not empty they replace <see cref="Host"/> and
    /// <see cref="Port"/>: the client connects to the first that answers (tried in order, each within
    /// <see cref="ConnectTimeout"/>) and learns the rest of the cluster from it.
    /// <c>redis://h1:p1,h2:p2</c> fills it. Default empty.
    /// </summary>
    public IList<string> Endpoints { get; private set; } = [];

    /// <summary>
    /// Whether to route commands by hash slot across a Redis Cluster. Default <see cref="RespClusterMode.Auto"/>:
    /// detected during the first handshake.
    /// </summary>
    public RespClusterMode ClusterMode { get; set; }

    /// <summary>
    /// How often a cluster client reloads the slot map even when nothing suggests it changed (it also reloads
    /// after a <c>MOVED</c> redirect and when a node's connection is lost). Default 60 seconds.
    /// </summary>
    public TimeSpan ClusterRefreshInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many <c>MOVED</c>/<c>ASK</c> redirects one command may follow before it fails (a guard against
    /// redirect loops while a cluster is being resharded). Default 5.
    /// </summary>
    public int ClusterMaxRedirects { get; set; } = 5;

    /// <summary>
    /// Which nodes serve read-only commands in a Redis Cluster. Default <see cref="RespReadFrom.Primary"/>: every
    /// command goes to the primary of its slot. <see cref="RespReadFrom.PreferReplica"/> sends reads to a replica of
    /// the slot, which may not have received the latest writes yet (replication is asynchronous).
    /// <c>?readFrom=primary|preferReplica</c> sets it. Ignored outside a cluster.
    /// </summary>
    public RespReadFrom ClusterReadFrom { get; set; }

    /// <summary>The ACL user name; <c>null</c> authenticates as <c>default</c> when a password is set. Default <c>null</c>.</summary>
    public string? User { get; set; }

    /// <summary>The password; <c>null</c> sends no credentials. Default <c>null</c>.</summary>
    public string? Password { get; set; }

    /// <summary>The database selected after connecting. Default 0.</summary>
    public int Database { get; set; }

    /// <summary>The name set with <c>CLIENT SETNAME</c> (visible in <c>CLIENT LIST</c>); <c>null</c> sets none. Default <c>null</c>.</summary>
    public string? ClientName { get; set; }

    /// <summary>
    /// The protocol to ask for. Default <see cref="RespProtocol.Resp3"/>, which falls back to RESP2 when the
    /// server refuses <c>HELLO</c>; <see cref="RespProtocol.Resp2"/> never sends <c>HELLO</c>.
    /// </summary>
    public RespProtocol Protocol { get; set; } = RespProtocol.Resp3;

    /// <summary>Whether to connect with TLS. Default <c>false</c> (<c>true</c> for <c>rediss://</c>).</summary>
    public bool UseTls { get; set; }

    /// <summary>The name the server's certificate must carry; <c>null</c> uses <see cref="Host"/>. Default <c>null</c>.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>
    /// Certificate authorities trusted for the server's certificate instead of the system store (a private CA);
    /// empty uses the system store. Default empty.
    /// </summary>
    public X509Certificate2Collection TlsTrustedCertificates { get; private set; } = [];

    /// <summary>The client certificate (with its private key) presented when the server asks for one. Default <c>null</c>.</summary>
    public X509Certificate2? TlsClientCertificate { get; set; }

    /// <summary>
    /// A custom check of the server's certificate; when set it replaces the built-in validation entirely.
    /// Default <c>null</c>.
    /// </summary>
    public RemoteCertificateValidationCallback? TlsCertificateValidation { get; set; }

    /// <summary>How long one connection attempt (TCP, TLS and handshake) may take. Default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a command waits for its reply (including any wait for a reconnect). Default 5 seconds.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An idle connection is sent <c>PING</c> after this long without traffic. Default 1 second.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the server may stay silent while commands are waiting before the connection is declared dead,
    /// torn down and replaced (TCP itself would take minutes to notice). Default 10 seconds.
    /// </summary>
    public TimeSpan UnresponsiveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first delay between reconnect attempts; each failure doubles it (with jitter). Default 50 ms.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest delay between reconnect attempts. Default 5 seconds.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether a command issued while disconnected waits (within its timeout) for the reconnect.
    /// <c>false</c> fails it at once with <see cref="RespConnectionException"/>. Default <c>true</c>.
    /// </summary>
    public bool WaitForReconnect { get; set; } = true;

    /// <summary>
    /// The largest value a command may send, in bytes; larger ones are refused before anything is written.
    /// Default 512 MiB (Redis's own <c>proto-max-bulk-len</c>).
    /// </summary>
    public int MaxValueLength { get; set; } = 512 * 1024 * 1024;

    /// <summary>The clock for timeouts, heartbeats and backoff. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where connection events are logged; <c>null</c> logs nothing. Default <c>null</c>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Creates the meter for the client's instruments; <c>null</c> uses a meter of its own. Default <c>null</c>.</summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// Parses a connection string: <c>redis://[user[:password]@]host[:port][,host:port...][/database][?options]</c>,
    /// or <c>rediss://</c> for TLS. Several comma-separated endpoints are cluster seeds (<see cref="Endpoints"/>).
    /// Options: <c>name</c>, <c>protocol</c> (2 or 3), <c>connectTimeout</c>, <c>commandTimeout</c> (milliseconds),
    /// <c>cluster</c> (auto, enabled, disabled), <c>clusterRefreshInterval</c> (milliseconds). User and password are percent-decoded.
    /// </summary>
    /// <exception cref="FormatException">The string does not parse; the message says which part is wrong.</exception>
    public static RespClientOptions Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var seeds = SplitSeeds(ref connectionString);
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"'{Redact(connectionString)}' is not a connection string of the form redis://[user:password@]host[:port][/db].");
        }

        var options = new RespClientOptions();
        options.UseTls = uri.Scheme switch
        {
            "redis" => false,
            "rediss" => true,
            _ => throw new FormatException($"The connection string scheme '{uri.Scheme}' is not supported; use redis:// or rediss://."),
        };
        options.Host = uri.Host.Trim('[', ']');
        options.Port = uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port;

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? uri.UserInfo : uri.UserInfo[..colon];
            var password = colon < 0 ? null : uri.UserInfo[(colon + 1)..];
            options.User = user.Length == 0 ? null : Uri.UnescapeDataString(user);
            options.Password = password is null ? null : Uri.UnescapeDataString(password);
            if (options.Password is null && options.User is not null)
            {
                // "redis://secret@host" is the common shorthand for a password with the default user.
                options.Password = options.User;
                options.User = null;
            }
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            options.Database = int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database)
                ? database
                : throw new FormatException($"The database '{path}' in the connection string is not a number.");
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (name.ToLowerInvariant())
            {
                case "name":
                    options.ClientName = value;
                    break;
                case "protocol":
                    options.Protocol = value switch
                    {
                        "2" => RespProtocol.Resp2,
                        "3" => RespProtocol.Resp3,
                        _ => throw new FormatException($"The protocol '{value}' in the connection string must be 2 or 3."),
                    };
                    break;
                case "connecttimeout":
                    options.ConnectTimeout = ParseMilliseconds(name, value);
                    break;
                case "commandtimeout":
                    options.CommandTimeout = ParseMilliseconds(name, value);
                    break;
                case "cluster":
                    options.ClusterMode = value.ToLowerInvariant() switch
                    {
                        "auto" => RespClusterMode.Auto,
                        "enabled" or "true" or "yes" => RespClusterMode.Enabled,
                        "disabled" or "false" or "no" => RespClusterMode.Disabled,
                        _ => throw new FormatException($"The cluster mode '{value}' in the connection string must be auto, enabled or disabled."),
                    };
                    break;
                case "clusterrefreshinterval":
                    options.ClusterRefreshInterval = ParseMilliseconds(name, value);
                    break;
                case "readfrom":
                    options.ClusterReadFrom = value.ToLowerInvariant() switch
                    {
                        "primary" => RespReadFrom.Primary,
                        "preferreplica" => RespReadFrom.PreferReplica,
                        _ => throw new FormatException($"The readFrom '{value}' in the connection string must be primary or preferReplica."),
                    };
                    break;
                default:
                    throw new FormatException(
                        $"The connection string option '{name}' is not known; known: name, protocol, connectTimeout, commandTimeout, cluster, clusterRefreshInterval, readFrom.");
            }
        }

        if (seeds is not null)
        {
            options.Endpoints = seeds;
        }

        options.Validate();
        return options;
    }

    /// <summary>Checks every setting and throws one exception naming each one that is invalid.</summary>
    /// <exception cref="ArgumentException">Some setting is invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            errors.Add("Host must be set.");
        }

        if (Port is < 1 or > 65535)
        {
            errors.Add($"Port must be 1-65535 (was {Port}).");
        }

        if (Database < 0)
        {
            errors.Add($"Database must not be negative (was {Database}).");
        }

        if (User is not null && Password is null)
        {
            errors.Add("User is set without a Password.");
        }

        if (ClientName is not null && (ClientName.Length == 0 || ClientName.Any(static c => c <= ' ')))
        {
            errors.Add("ClientName must be non-empty with no spaces or control characters (Redis refuses them).");
        }

        if (!Enum.IsDefined(Protocol))
        {
            errors.Add($"Protocol {Protocol} is not defined.");
        }

        CheckPositive(errors, ConnectTimeout, nameof(ConnectTimeout));
        CheckPositive(errors, CommandTimeout, nameof(CommandTimeout));
        CheckPositive(errors, HeartbeatInterval, nameof(HeartbeatInterval));
        CheckPositive(errors, UnresponsiveTimeout, nameof(UnresponsiveTimeout));
        CheckPositive(errors, ReconnectBaseDelay, nameof(ReconnectBaseDelay));
        if (ReconnectMaxDelay < ReconnectBaseDelay)
        {
            errors.Add($"ReconnectMaxDelay ({ReconnectMaxDelay}) must not be less than ReconnectBaseDelay ({ReconnectBaseDelay}).");
        }

        foreach (var endpoint in Endpoints)
        {
            if (!TryParseEndpoint(endpoint, out _, out _))
            {
                errors.Add($"Endpoint '{endpoint}' is not of the form host:port.");
            }
        }

        if (Database != 0 && (ClusterMode == RespClusterMode.Enabled || Endpoints.Count > 1))
        {
            errors.Add($"Database must be 0 for a Redis Cluster (was {Database}): a cluster has only database 0.");
        }

        CheckPositive(errors, ClusterRefreshInterval, nameof(ClusterRefreshInterval));
        if (ClusterMaxRedirects < 0)
        {
            errors.Add($"ClusterMaxRedirects must not be negative (was {ClusterMaxRedirects}).");
        }

        if (!Enum.IsDefined(ClusterMode))
        {
            errors.Add($"ClusterMode {ClusterMode} is not defined.");
        }

        if (!Enum.IsDefined(ClusterReadFrom))
        {
            errors.Add($"ClusterReadFrom {ClusterReadFrom} is not defined.");
        }

        if (MaxValueLength < 1)
        {
            errors.Add($"MaxValueLength must be positive (was {MaxValueLength}).");
        }

        if (TimeProvider is null)
        {
            errors.Add("TimeProvider must be set.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid RespClientOptions: " + string.Join(" ", errors));
        }
    }

    /// <summary>A copy, so a client keeps its settings even if the caller changes the options afterwards.</summary>
    internal RespClientOptions Clone()
    {
        var copy = (RespClientOptions)MemberwiseClone();
        copy.TlsTrustedCertificates = [.. TlsTrustedCertificates];
        copy.Endpoints = [.. Endpoints];
        if (copy.Endpoints.Count > 0 && TryParseEndpoint(copy.Endpoints[0], out var host, out var port))
        {
            // The first seed is the server the client tries first; the others are tried when it does not answer.
            copy.Host = host;
            copy.Port = port;
        }

        return copy;
    }

    /// <summary>A copy pointing at another node of the same cluster (same credentials, TLS and timeouts).</summary>
    internal RespClientOptions ForNode(string host, int port)
    {
        var copy = Clone();
        copy.Host = host;
        copy.Port = port;
        copy.Endpoints = [];
        copy.Database = 0;
        return copy;
    }

    /// <summary>Parses <c>host:port</c>, <c>[ipv6]:port</c> or a bare host (port 6379).</summary>
    internal static bool TryParseEndpoint(string? text, out string host, out int port)
    {
        host = "";
        port = 6379;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var colon = text.LastIndexOf(':');
        var close = text.LastIndexOf(']');
        if (colon > close && (close >= 0 || text.IndexOf(':', StringComparison.Ordinal) == colon))
        {
            if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                return false;
            }

            text = text[..colon];
        }

        host = text.Trim('[', ']');
        return host.Length > 0;
    }

    /// <summary>Host and port for messages, e.g. <c>127.0.0.1:6379</c>.</summary>
    internal string EndPointText => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    // Uri cannot parse "host1:p1,host2:p2", so the seeds are cut out and only the first is left for Uri.
    private static List<string>? SplitSeeds(ref string connectionString)
    {
        var scheme = connectionString.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return null;
        }

        var start = scheme + 3;
        var end = connectionString.IndexOfAny(['/', '?'], start);
        if (end < 0)
        {
            end = connectionString.Length;
        }

        var at = connectionString.LastIndexOf('@', end - 1, end - start);
        var hostsStart = at >= 0 ? at + 1 : start;
        var hosts = connectionString[hostsStart..end];
        if (!hosts.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var seeds = new List<string>();
        foreach (var part in hosts.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TryParseEndpoint(part, out var host, out var port))
            {
                throw new FormatException($"The endpoint '{part}' in the connection string is not of the form host:port.");
            }

            seeds.Add(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}");
        }

        connectionString = string.Concat(connectionString.AsSpan(0, hostsStart), seeds[0], connectionString.AsSpan(end));
        return seeds;
    }

    private static TimeSpan ParseMilliseconds(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : throw new FormatException($"The connection string option '{name}' must be a positive number of milliseconds (was '{value}').");

    private static void CheckPositive(List<string> errors, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} must be positive (was {value}).");
        }
    }

    private static string Redact(string connectionString)
    {
        var at = connectionString.LastIndexOf('@');
        var scheme = connectionString.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 && at > scheme ? connectionString[..(scheme + 3)] + "***" + connectionString[at..] : connectionString;
    }
}
