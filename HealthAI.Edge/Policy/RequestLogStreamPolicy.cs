namespace HealthAI.Edge.Policy;

/// <summary>
/// A second access log, one compact line a request, sent by syslog over UDP to the exporter that counts requests by
/// status (mtail): nginx OSS's <c>stub_status</c> has no per-status counts. nginx only; HAProxy counts them itself.
/// </summary>
/// <param name="Port">The UDP port the exporter reads on <see cref="Address"/>.</param>
public sealed record RequestLogStreamPolicy(int Port)
{
    /// <summary>The syslog tag every line carries, which the exporter's program matches.</summary>
    public const string DefaultTag = "healthai_edge";

    /// <summary>
    /// Loopback in every target (the exporter runs beside nginx: on the host, in its network namespace, in its pod):
    /// nginx resolves the server once at start, and UDP to a loopback port never blocks a worker.
    /// </summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>The syslog tag (letters, digits and '_' only: nginx refuses others).</summary>
    public string Tag { get; init; } = DefaultTag;
}
