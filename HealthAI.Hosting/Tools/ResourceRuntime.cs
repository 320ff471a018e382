namespace HealthAI.Hosting;

/// <summary>How infrastructure resources (nginx, HAProxy, Prometheus...) run.</summary>
public enum ResourceRuntime
{
    /// <summary>Containers when a container runtime answers, host processes otherwise.</summary>
    Auto,

    /// <summary>Always containers (fails to start without a container runtime).</summary>
    Container,

    /// <summary>Always host processes from the distribution's packages.</summary>
    HostProcess,
}
