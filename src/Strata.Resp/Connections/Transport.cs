using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Strata.Resp.Connections;

/// <summary>Opens the byte stream to the server: TCP with Nagle off, then TLS when configured.</summary>
internal static class Transport
{
    public static async Task<Stream> ConnectAsync(RespClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            throw new RespConnectionException($"Could not connect to {options.EndPointText}: {exception.Message}", exception);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        if (!options.UseTls)
        {
            return network;
        }

        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = options.TlsServerName ?? options.Host,
                    ClientCertificates = options.TlsClientCertificate is { } certificate ? [certificate] : null,
                    RemoteCertificateValidationCallback = options.TlsCertificateValidation ?? CreateValidation(options),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new RespConnectionException($"The TLS handshake with {options.EndPointText} failed: {exception.Message}", exception);
        }

        return tls;
    }

    // With trusted certificates configured, the server's chain must end at one of them (a private CA)
    // instead of the system store; host-name mismatches are errors either way.
    private static RemoteCertificateValidationCallback? CreateValidation(RespClientOptions options)
    {
        if (options.TlsTrustedCertificates.Count == 0)
        {
            return null;
        }

        var trusted = options.TlsTrustedCertificates;
        return (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
    }
}
