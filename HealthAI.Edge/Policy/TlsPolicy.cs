namespace HealthAI.Edge.Policy;

/// <summary>
/// TLS termination at the edge. HAProxy 2.6 reads the key from the certificate file or from
/// <c>&lt;certificate&gt;.key</c>, so <see cref="KeyPath"/> must be one of those for HAProxy.
/// </summary>
/// <param name="CertificatePath">Absolute path of the PEM certificate (chain).</param>
/// <param name="KeyPath">Absolute path of the PEM private key.</param>
public sealed record TlsPolicy(string CertificatePath, string KeyPath)
{
    /// <summary>Mozilla "intermediate" TLS 1.2 suites: forward secret AEAD only, all real OpenSSL names.</summary>
    public static IReadOnlyList<string> IntermediateTls12Ciphers { get; } =
    [
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-CHACHA20-POLY1305",
        "DHE-RSA-AES128-GCM-SHA256",
        "DHE-RSA-AES256-GCM-SHA384",
    ];

    /// <summary>The three TLS 1.3 suites OpenSSL enables by default.</summary>
    public static IReadOnlyList<string> Tls13CipherSuites { get; } =
        ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"];

    /// <summary>Oldest accepted version.</summary>
    public TlsProtocolVersion MinimumVersion { get; init; } = TlsProtocolVersion.Tls12;

    /// <summary>TLS 1.2 cipher list.</summary>
    public IReadOnlyList<string> Tls12Ciphers { get; init; } = IntermediateTls12Ciphers;

    /// <summary>Redirect plain HTTP to HTTPS with 301 (the edge health path stays on HTTP for probes).</summary>
    public bool RedirectHttp { get; init; } = true;
}
