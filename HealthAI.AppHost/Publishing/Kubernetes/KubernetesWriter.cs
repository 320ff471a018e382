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
            SecretGenerator = [new SecretGenerator { Name = KubernetesManifestFactory.SecretName, Envs = [KubernetesSecrets.FileName] }],
        };
        await File.WriteAllTextAsync(Path.Combine(directory, "kustomization.yaml"), YamlSerializers.CamelCase.Serialize(kustomization), cancellationToken);
        await KubernetesSecrets.WriteAsync(directory, topology.Secrets.Select(s => s.Name), cancellationToken);
    }
}
