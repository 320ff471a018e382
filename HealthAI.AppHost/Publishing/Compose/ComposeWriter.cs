
namespace HealthAI.AppHost.Publishing.Compose;

/// <summary>Writes <c>docker-compose.yaml</c>, its <c>.env</c> template and the files it mounts.</summary>
internal static class ComposeWriter
{
    public static async Task WriteAsync(string directory, DeploymentTopology topology, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "docker-compose.yaml"), Render(topology), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, ".env.template"), EnvironmentTemplate, cancellationToken);
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

    private const string EnvironmentTemplate = """
        # Copy to .env (never commit it) and fill every value: compose refuses to start while one is empty.
        COMPOSE_PROJECT_NAME=healthai
        BACKUP_ADMIN_TOKEN=
        GRAFANA_ADMIN_PASSWORD=
        HAPROXY_STATS_PASSWORD=
        # The folder holding edge.crt and edge.key (nginx) and edge.pem, both in one file (HAProxy).
        TLS_DIRECTORY=./tls
        # The repository root, for `docker compose build`.
        HEALTHAI_SOURCE=../..

        """;
}
