namespace HealthAI.Edge.Policy;

/// <summary>Oldest TLS version the edge accepts.</summary>
public enum TlsProtocolVersion
{
    /// <summary>TLS 1.2 and 1.3.</summary>
    Tls12,

    /// <summary>TLS 1.3 only.</summary>
    Tls13,
}
