using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HealthAI.Testing;

/// <summary>Throwaway certificates for configuration checks, made in process (no openssl).</summary>
public static class TestCertificates
{
    /// <summary>Writes edge.crt, edge.key and edge.pem (both in one, as HAProxy wants) into <paramref name="folder"/>.</summary>
    public static void WriteEdgeCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=healthai-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePem = certificate.ExportCertificatePem() + "\n";
        var keyPem = key.ExportPkcs8PrivateKeyPem() + "\n";
        File.WriteAllText(Path.Combine(folder, "edge.crt"), certificatePem);
        File.WriteAllText(Path.Combine(folder, "edge.key"), keyPem);
        File.WriteAllText(Path.Combine(folder, "edge.pem"), certificatePem + keyPem);
    }
}
