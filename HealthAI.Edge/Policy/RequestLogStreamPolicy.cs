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

    /// <summary>Where the exporter runs beside nginx: on the host, or in its pod.</summary>
    public const string LoopbackAddress = "127.0.0.1";

    /// <summary>
    /// An IP literal, since nginx resolves the server once at start: loopback on the host and in a pod, the exporter's fixed
    /// address on compose's backend network. UDP never blocks a worker, whether or not anyone listens.
    /// </summary>
    public string Address { get; init; } = LoopbackAddress;

    /// <summary>The syslog tag (letters, digits and '_' only: nginx refuses others).</summary>
    public string Tag { get; init; } = DefaultTag;
}
