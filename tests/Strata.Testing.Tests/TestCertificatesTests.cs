using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Strata.Testing.Tests;

public sealed class TestCertificatesTests
{
    [Fact]
    public void Shared_RepeatedAccess_ReturnsSameFiles()
    {
        var first = TestCertificates.Shared;
        var second = TestCertificates.Shared;

        second.ShouldBeSameAs(first);
        File.Exists(first.CaCertificatePath).ShouldBeTrue();
        File.Exists(first.ServerKeyPath).ShouldBeTrue();
    }

    [Fact]
    public void LoadClientCertificate_Always_HasPrivateKey()
    {
        using var client = TestCertificates.Shared.LoadClientCertificate();

        client.HasPrivateKey.ShouldBeTrue();
        client.Subject.ShouldBe("CN=strata-test-client");
    }

    [Fact]
    public void ValidateServerCertificate_ServerCertificate_TrustedViaTestCa()
    {
        using var server = TestCertificates.Shared.LoadServerCertificate();

        TestCertificates.Shared
            .ValidateServerCertificate(this, server, null, SslPolicyErrors.RemoteCertificateChainErrors)
            .ShouldBeTrue();
    }

    [Fact]
    public void ValidateServerCertificate_NameMismatch_Rejected()
    {
        using var server = TestCertificates.Shared.LoadServerCertificate();

        TestCertificates.Shared
            .ValidateServerCertificate(this, server, null, SslPolicyErrors.RemoteCertificateNameMismatch)
            .ShouldBeFalse();
    }

    [Fact]
    public void ValidateServerCertificate_CertificateFromOtherIssuer_Rejected()
    {
        // A self-signed certificate for the right name stands in for an impostor server.
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new CertificateRequest("CN=localhost", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var foreign = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        TestCertificates.Shared
            .ValidateServerCertificate(this, foreign, null, SslPolicyErrors.RemoteCertificateChainErrors)
            .ShouldBeFalse();
    }
}
