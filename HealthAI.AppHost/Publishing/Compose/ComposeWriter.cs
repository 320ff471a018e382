
namespace HealthAI.AppHost.Publishing.Compose;

/// <summary>Writes <c>docker-compose.yaml</c>, its <c>.env</c> template and the files it mounts.</summary>
internal static class ComposeWriter
{
    public static async Task WriteAsync(string directory, DeploymentTopology topology, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "docker-compose.yaml"), Render(topology), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, ".env.template"), EnvironmentTemplate(topology), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, ReloadTableFile), ReloadTable(topology), cancellationToken);
        foreach (var (path, content) in files)
        {
            var target = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, content, cancellationToken);
        }
    }

    /// <summary>The compose file's text.</summary>
    public static string Render(DeploymentTopology topology) =>
        "# Rendered by the HealthAI AppHost's publish step from its app model: change the model, not this file.\n"
        + YamlSerializers.SnakeCase.Serialize(ComposeDocumentFactory.Create(topology));

    /// <summary>The table deploy/deploy.sh reads to reload a service whose mounted configuration changed.</summary>
    public const string ReloadTableFile = "reload.tsv";

    // One line a service that loads a rendered file once and reloads it by signal: the service, the files it reads
    // (relative, comma-separated), the command that checks them inside its container, and the signal.
    private static string ReloadTable(DeploymentTopology topology)
    {
        var prometheusFolder = topology.Prometheus.Service.ConfigMounts[0];
        var prometheusConfig = $"{prometheusFolder.MountPath}/{Monitoring.InfrastructureTool.PrometheusConfigFile}";
        var lines = DeploymentFiles.EdgesOf(topology, DeploymentTarget.Compose)
            .Select(edge => new Reloadable(edge.Name, [DeploymentFiles.ConfigurationFile(edge)], edge.Tool.CheckCommand(edge.Tool.ContainerConfigPath), edge.Tool.ReloadSignalName))
            .Append(new Reloadable(
                topology.Prometheus.Name,
                [.. new[] { Monitoring.InfrastructureTool.PrometheusConfigFile }.Concat(Monitoring.InfrastructureTool.RuleFiles).Select(file => $"{prometheusFolder.Folder}/{file}")],
                ["promtool", "check", "config", prometheusConfig],
                "SIGHUP"))
            .Select(line => $"{line.Service}\t{string.Join(',', line.Files)}\t{string.Join(' ', line.Check)}\t{line.Signal}\n");
        return "# service\tfiles\tcheck\tsignal: read by deploy/deploy.sh\n" + string.Concat(lines);
    }

    private sealed record Reloadable(string Service, IReadOnlyList<string> Files, IReadOnlyList<string> Check, string Signal);

    // Every secret of the model, and HAProxy's stats password when an HAProxy edge is deployed.
    private static string EnvironmentTemplate(DeploymentTopology topology) =>
        "# Copy to .env (never commit it) and fill every value: compose refuses to start while one is empty.\n"
        + "COMPOSE_PROJECT_NAME=healthai\n"
        + string.Concat(topology.Secrets
            .Concat(topology.Edges.Any(e => e.Tool == HealthAI.Hosting.EdgeTool.Haproxy) ? [DeployedSecret.HaproxyStatsPassword] : [])
            .OrderBy(s => s.EnvironmentVariable, StringComparer.Ordinal)
            .Select(s => $"{s.EnvironmentVariable}=\n"))
        + (topology.PostgreSql is { } postgres ? $"COMPOSE_PROFILES={postgres.Profile}\n" + ComposePostgres.EnvironmentLines(postgres) : "")
        + EnvironmentTemplateFolders;

    private const string EnvironmentTemplateFolders = """
        # The folder holding edge.crt and edge.key (nginx) and edge.pem, both in one file (HAProxy).
        TLS_DIRECTORY=./tls
        # The repository root, for `docker compose build` (./healthai images builds the same images).
        HEALTHAI_SOURCE=../..
        # Where the edges are published: every interface by default; 127.0.0.1 keeps them on this host.
        EDGE_ADDRESS=0.0.0.0
        NGINX_HTTP_PORT=80
        NGINX_HTTPS_PORT=443
        HAPROXY_HTTP_PORT=8081
        HAPROXY_HTTPS_PORT=8444
        # Prometheus and Grafana (profile grafana: its upstream image needs a registry) stay on 127.0.0.1.
        PROMETHEUS_PORT=9090
        GRAFANA_PORT=3000

        """;
}
