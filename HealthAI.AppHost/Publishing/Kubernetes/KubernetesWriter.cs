using k8s;

namespace HealthAI.AppHost.Publishing.Kubernetes;

/// <summary>Writes the Kubernetes objects one file each, with a kustomization that lists them.</summary>
internal static class KubernetesWriter
{
    public static async Task WriteAsync(string directory, DeploymentTopology topology, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var resources = new List<string>();
        foreach (var manifest in KubernetesManifestFactory.Create(topology, files))
        {
            var fileName = $"{manifest.Kind.ToLowerInvariant()}-{manifest.Metadata.Name}.yaml";
            resources.Add(fileName);
            await File.WriteAllTextAsync(Path.Combine(directory, fileName), KubernetesYaml.Serialize(manifest), cancellationToken);
        }

        var kustomization = new Kustomization
        {
            Namespace = topology.Namespace,
            Resources = resources,
            SecretGenerator = [new SecretGenerator { Name = KubernetesManifestFactory.SecretName, Envs = ["secrets.env"] }],
        };
        await File.WriteAllTextAsync(Path.Combine(directory, "kustomization.yaml"), YamlSerializers.CamelCase.Serialize(kustomization), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "secrets.env.template"), SecretsTemplate + string.Concat(topology.Secrets.Select(s => $"{s.Name}=\n")), cancellationToken);
    }

    private const string SecretsTemplate = """
        # Copy to secrets.env (never commit it) and fill every value; kustomize turns it into the
        # healthai-secrets Secret. The TLS certificate is a separate kubernetes.io/tls Secret:
        #   kubectl -n healthai create secret tls healthai-tls --cert=edge.crt --key=edge.key

        """;
}
