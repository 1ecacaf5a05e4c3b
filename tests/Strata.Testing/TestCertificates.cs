using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Strata.Testing;

/// <summary>
/// A throw-away PKI for TLS tests, generated with the <c>openssl</c> command line once per process (on first use of
/// <see cref="Shared"/>) into a temp directory that is deleted when the process exits: a CA, a server certificate for
/// <c>localhost</c> / <c>127.0.0.1</c> and a client certificate, both signed by the CA. Keys are EC P-256 (fast to
/// generate) and unencrypted.
/// </summary>
public sealed class TestCertificates
{
    private static readonly Lazy<TestCertificates> Instance =
        new(Generate, LazyThreadSafetyMode.ExecutionAndPublication);

    private TestCertificates(string directory)
    {
        Directory = directory;
        CaCertificatePath = Path.Combine(directory, "ca.crt");
        CaKeyPath = Path.Combine(directory, "ca.key");
        ServerCertificatePath = Path.Combine(directory, "server.crt");
        ServerKeyPath = Path.Combine(directory, "server.key");
        ClientCertificatePath = Path.Combine(directory, "client.crt");
        ClientKeyPath = Path.Combine(directory, "client.key");
    }

    /// <summary>The certificates of this test run, generated on first access (thread-safe).</summary>
    public static TestCertificates Shared => Instance.Value;

    public string Directory { get; }

    public string CaCertificatePath { get; }

    public string CaKeyPath { get; }

    /// <summary>Server certificate (PEM), CN <c>localhost</c>, SAN <c>DNS:localhost, IP:127.0.0.1</c>, EKU serverAuth.</summary>
    public string ServerCertificatePath { get; }

    public string ServerKeyPath { get; }

    /// <summary>Client certificate (PEM), CN <c>strata-test-client</c>, EKU clientAuth.</summary>
    public string ClientCertificatePath { get; }

    public string ClientKeyPath { get; }

    /// <summary>The CA certificate (public part only). The caller owns and disposes it.</summary>
    public X509Certificate2 LoadCaCertificate() => X509CertificateLoader.LoadCertificateFromFile(CaCertificatePath);

    /// <summary>The client certificate with its private key, usable by <see cref="SslStream"/>. The caller disposes it.</summary>
    public X509Certificate2 LoadClientCertificate() => LoadWithKey(ClientCertificatePath, ClientKeyPath);

    /// <summary>The server certificate with its private key, for in-process TLS test servers. The caller disposes it.</summary>
    public X509Certificate2 LoadServerCertificate() => LoadWithKey(ServerCertificatePath, ServerKeyPath);

    /// <summary>
    /// A <see cref="RemoteCertificateValidationCallback"/> that trusts exactly the test CA (not the machine store) and
    /// still requires the host name to match.
    /// </summary>
    public bool ValidateServerCertificate(
        object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors sslPolicyErrors)
    {
        if (certificate is null || (sslPolicyErrors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var ca = LoadCaCertificate();
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var customChain = new X509Chain();
        customChain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        customChain.ChainPolicy.CustomTrustStore.Add(ca);
        customChain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return customChain.Build(leaf);
    }

    /// <summary>
    /// Client options for <see cref="SslStream.AuthenticateAsClientAsync(SslClientAuthenticationOptions, CancellationToken)"/>
    /// that trust the test CA, optionally presenting the client certificate.
    /// </summary>
    /// <param name="targetHost"><c>127.0.0.1</c> or <c>localhost</c> (both are in the server certificate).</param>
    /// <param name="presentClientCertificate">Whether to send the test client certificate.</param>
    public SslClientAuthenticationOptions CreateClientAuthenticationOptions(
        string targetHost = "127.0.0.1", bool presentClientCertificate = false)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            RemoteCertificateValidationCallback = ValidateServerCertificate,
        };
        if (presentClientCertificate)
        {
            options.ClientCertificates = [LoadClientCertificate()];
        }

        return options;
    }

    private static X509Certificate2 LoadWithKey(string certificatePath, string keyPath)
    {
        // A PEM-loaded certificate holds an ephemeral key that SslStream on Linux cannot always use for client
        // authentication; a PKCS#12 round trip gives it a persisted-style key handle that works everywhere.
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static TestCertificates Generate()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("strata-certs-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(directory);
        var certificates = new TestCertificates(directory);
        try
        {
            certificates.WriteAll();
        }
        catch
        {
            TryDelete(directory);
            throw;
        }

        return certificates;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp dir is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private void WriteAll()
    {
        // Own minimal config files keep the result independent of the machine's openssl.cnf.
        var caConfig = Write("ca.cnf", """
            [req]
            distinguished_name = dn
            prompt = no
            x509_extensions = v3_ca
            [dn]
            CN = Strata Test CA
            [v3_ca]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            """);
        OpenSsl("req", "-x509", "-config", caConfig, "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-keyout", CaKeyPath, "-out", CaCertificatePath, "-days", "3650");

        Issue("server", "localhost", ServerKeyPath, ServerCertificatePath, """
            basicConstraints = CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:localhost,IP:127.0.0.1
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid,issuer
            """);
        Issue("client", "strata-test-client", ClientKeyPath, ClientCertificatePath, """
            basicConstraints = CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = clientAuth
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid,issuer
            """);
    }

    private void Issue(string name, string commonName, string keyPath, string certificatePath, string extensions)
    {
        var requestConfig = Write($"{name}.cnf", $"""
            [req]
            distinguished_name = dn
            prompt = no
            [dn]
            CN = {commonName}
            """);
        var extensionsFile = Write($"{name}.ext", extensions);
        var requestPath = Path.Combine(Directory, $"{name}.csr");
        OpenSsl("req", "-new", "-config", requestConfig, "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-keyout", keyPath, "-out", requestPath);
        OpenSsl("x509", "-req", "-in", requestPath, "-CA", CaCertificatePath, "-CAkey", CaKeyPath,
            "-set_serial", $"0x{Random.Shared.NextInt64(1, long.MaxValue):x}", "-days", "3650",
            "-extfile", extensionsFile, "-out", certificatePath);
    }

    private string Write(string fileName, string content)
    {
        var path = Path.Combine(Directory, fileName);
        File.WriteAllText(path, content + "\n");
        return path;
    }

    private static void OpenSsl(params string[] arguments)
    {
        // Lazy<T> needs a synchronous factory; this runs once per process, on whichever thread first asks.
        var result = ExternalCommand.RunAsync("openssl", arguments, TimeSpan.FromSeconds(60), CancellationToken.None)
            .GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"openssl {string.Join(' ', arguments)} failed with exit code {result.ExitCode}: {result.StandardError}");
        }
    }
}
