namespace HealthAI.ServiceDefaults;

/// <summary>Headers every HealthAI response carries.</summary>
public static class ReplicaHeaders
{
    /// <summary>Names the replica that served the response.</summary>
    public const string Instance = "X-HealthAI-Instance";

    /// <summary>Correlates one request across the edge and the replica; generated when absent.</summary>
    public const string RequestId = "X-Request-ID";

    /// <summary>
    /// W3C Trace Context's response header: the trace and span that served the request, so a client (or
    /// a test) can find it in the dashboard and see that its <c>traceparent</c> crossed the edge.
    /// </summary>
    public const string TraceResponse = "traceresponse";
}
