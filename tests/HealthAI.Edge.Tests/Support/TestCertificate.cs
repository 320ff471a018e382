using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HealthAI.Edge.Tests.Support;

/// <summary>A throwaway self-signed certificate, written as PEM files the tools can load.</summary>
internal static class TestCertificate
{
    /// <summary>
    /// Writes <c>edge.crt</c> and <c>edge.crt.key</c>: the key beside the certificate under the name HAProxy 2.6
    /// looks for, so one pair serves both tools.
    /// </summary>
    public static (string CertificatePath, string KeyPath) Write(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=healthai-edge.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(directory, "edge.crt");
        var keyPath = certificatePath + ".key";
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
