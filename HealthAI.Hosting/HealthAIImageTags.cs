namespace HealthAI.Hosting;

/// <summary>
/// Every image HealthAI runs. The ones it builds itself (<c>./healthai images</c>), each from a Dockerfile beside the code
/// it runs and <c>FROM</c> one Debian base. The run's containers and the published compose and
/// Kubernetes files name exactly these: this is the one place that decides names and tags.
/// </summary>
public static class HealthAIImageTags
{
    /// <summary>The pinned tag of every image the project builds (never <c>latest</c>).</summary>
    public const string Tag = "1.0.0";

    /// <summary>The API, from its self-contained publish into <c>HealthAI.Api/bin/container</c> (<c>./healthai images</c> makes it).</summary>
    public static ProjectImage Api { get; } = new("healthai/api", Tag, "HealthAI.Api");

    /// <summary>The nginx edge, from Debian's package.</summary>
    public static ProjectImage Nginx { get; } = new("healthai/nginx", Tag, "HealthAI.Hosting/Edges/nginx");

    /// <summary>The HAProxy edge, from Debian's package.</summary>
    public static ProjectImage Haproxy { get; } = new("healthai/haproxy", Tag, "HealthAI.Hosting/Edges/haproxy");

    /// <summary>Prometheus and promtool, from Debian's package.</summary>
    public static ProjectImage Prometheus { get; } = new("healthai/prometheus", Tag, "HealthAI.AppHost/Monitoring/prometheus");

    /// <summary>Alertmanager, from Debian's package.</summary>
    public static ProjectImage Alertmanager { get; } = new("healthai/alertmanager", Tag, "HealthAI.AppHost/Monitoring/alertmanager");

    /// <summary>The nginx Prometheus exporter, from Debian's package.</summary>
    public static ProjectImage NginxExporter { get; } = new("healthai/nginx-exporter", Tag, "HealthAI.AppHost/Monitoring/nginx-exporter");

    /// <summary>mtail, from Debian's package, with the program that counts nginx's requests by status.</summary>
    public static ProjectImage Mtail { get; } = new("healthai/mtail", Tag, "HealthAI.AppHost/Monitoring/mtail");

    /// <summary>PostgreSQL 15 with pg_auto_failover (monitor and data nodes of the compose <c>postgres</c> profile), from Debian's packages.</summary>
    public static ProjectImage PgAutoFailover { get; } = new("healthai/pg-auto-failover", Tag, "HealthAI.AppHost/KnowledgeBase/pg-auto-failover");

    /// <summary>The PostgreSQL Prometheus exporter with pg_auto_failover's queries (the compose <c>postgres</c> profile), from Debian's package.</summary>
    public static ProjectImage PostgresExporter { get; } = new("healthai/postgres-exporter", Tag, "HealthAI.AppHost/KnowledgeBase/postgres-exporter");

    /// <summary>Grafana OSS, pinned upstream: it has no Debian package, so the run and the publishers pull it from a registry.</summary>
    public const string Grafana = "docker.io/grafana/grafana-oss";

    /// <inheritdoc cref="Grafana"/>
    public const string GrafanaTag = "11.6.1";

    /// <summary>The build argument every Dockerfile starts <c>FROM</c>.</summary>
    public const string BaseImageArgument = "BASE_IMAGE";

    /// <summary>The base when a registry answers; <c>./healthai images</c> makes a local one with debootstrap when none does.</summary>
    public const string RegistryBaseImage = "debian:bookworm-slim";

    /// <summary>The command that builds every image.</summary>
    public const string BuildCommand = "./healthai images";
}
