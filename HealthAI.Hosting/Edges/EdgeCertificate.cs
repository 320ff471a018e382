using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HealthAI.Hosting;

/// <summary>
/// The TLS certificate an edge serves locally: self-signed for localhost, made in process (no openssl),
/// kept in a folder so that a browser or client can trust it once. Deployments take theirs from a secret.
/// </summary>
public sealed record EdgeCertificate(string CertificatePath, string KeyPath, string CombinedPemPath)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(7);

    /// <summary>The file names of a certificate kept in <paramref name="directory"/>, whether or not they exist.</summary>
    public static EdgeCertificate At(string directory) => new(
        Path.Combine(directory, "edge.crt"),
        Path.Combine(directory, "edge.key"),
        Path.Combine(directory, "edge.pem"));

    /// <summary>Copies the certificate's files into <paramref name="directory"/>, returning the copy.</summary>
    public EdgeCertificate CopyTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var copy = At(directory);
        File.Copy(CertificatePath, copy.CertificatePath, overwrite: true);
        File.Copy(KeyPath, copy.KeyPath, overwrite: true);
        File.Copy(CombinedPemPath, copy.CombinedPemPath, overwrite: true);
        return copy;
    }

    /// <summary>Loads the certificate in <paramref name="directory"/>, or makes a new one when it is missing or about to expire.</summary>
    public static EdgeCertificate EnsureIn(string directory, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(clock);
        Directory.CreateDirectory(directory);
        var certificate = At(directory);
        if (!certificate.IsUsable(clock))
        {
            certificate.Create(clock);
        }

        return certificate;
    }

    /// <summary>The certificate itself, for clients that trust it explicitly.</summary>
    public X509Certificate2 Load() => X509CertificateLoader.LoadCertificateFromFile(CertificatePath);

    private bool IsUsable(TimeProvider clock)
    {
        if (!File.Exists(CertificatePath) || !File.Exists(KeyPath) || !File.Exists(CombinedPemPath))
        {
            return false;
        }

        try
        {
            using var existing = Load();
            return existing.NotAfter.ToUniversalTime() - RenewBefore > clock.GetUtcNow().UtcDateTime;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private void Create(TimeProvider clock)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=HealthAI local edge", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));

        var now = clock.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime);
        var certificatePem = certificate.ExportCertificatePem();
        var keyPem = key.ExportPkcs8PrivateKeyPem();
        WritePrivate(KeyPath, keyPem);
        File.WriteAllText(CertificatePath, certificatePem + "\n");
        // HAProxy wants the certificate and its key in one file.
        WritePrivate(CombinedPemPath, certificatePem + "\n" + keyPem + "\n");
    }

    private static void WritePrivate(string path, string content) => PrivateFile.WriteAllText(path, content);
}
