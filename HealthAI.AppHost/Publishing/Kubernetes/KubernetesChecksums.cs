using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Publishing.Kubernetes;

/// <summary>
/// Stamps every pod template with a checksum of the ConfigMaps it mounts or reads, so that <c>kubectl apply -k</c>
/// after a republish restarts exactly the pods whose configuration changed. The generated Secret needs none:
/// kustomize's name hash changes its references instead.
/// </summary>
internal static class KubernetesChecksums
{
    public const string Annotation = "checksum/config";

    public static void Annotate(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var configMaps = objects.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal);
        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            var template = deployment.Spec.Template;
            var read = ConfigMapsOf(template.Spec).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (read.Count == 0)
            {
                continue;
            }

            template.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
            template.Metadata.Annotations[Annotation] = Checksum(read.Select(name => configMaps.TryGetValue(name, out var configMap)
                ? configMap
                : throw new InvalidOperationException($"Deployment {deployment.Metadata.Name} reads the ConfigMap '{name}', which is not published.")));
        }
    }

    private static IEnumerable<string> ConfigMapsOf(V1PodSpec pod) =>
        (pod.Volumes ?? []).Select(volume => volume.ConfigMap?.Name)
            .Concat((pod.Volumes ?? []).SelectMany(volume => volume.Projected?.Sources ?? []).Select(source => source.ConfigMap?.Name))
            .Concat(pod.Containers.Concat(pod.InitContainers ?? []).SelectMany(container =>
                (container.EnvFrom ?? []).Select(source => source.ConfigMapRef?.Name)
                    .Concat((container.Env ?? []).Select(variable => variable.ValueFrom?.ConfigMapKeyRef?.Name))))
            .OfType<string>();

    // Names and keys delimit the values, so moving text from one key to the next changes the sum.
    private static string Checksum(IEnumerable<V1ConfigMap> configMaps)
    {
        var text = new StringBuilder();
        foreach (var configMap in configMaps)
        {
            text.Append(configMap.Metadata.Name).Append('\0');
            foreach (var (key, value) in (configMap.Data ?? new Dictionary<string, string>()).OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                text.Append(key).Append('\0').Append(value.Length).Append('\0').Append(value).Append('\0');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
