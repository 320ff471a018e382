using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>A republish and <c>kubectl apply -k</c> roll exactly the pods whose inputs changed.</summary>
public sealed class KubernetesRolloutTests(PublishedArtifacts published, PublishedWithOtherPrometheusConfig changed)
    : IClassFixture<PublishedArtifacts>, IClassFixture<PublishedWithOtherPrometheusConfig>
{
    private const string Checksum = "checksum/config";

    private static List<IKubernetesObject<V1ObjectMeta>> Objects(string folder) => [.. Directory.GetFiles(folder, "*.yaml")
        .Where(file => Path.GetFileName(file) is not "kustomization.yaml" && !Path.GetFileName(file).StartsWith("cluster-", StringComparison.Ordinal)
            && !Path.GetFileName(file).StartsWith("scheduledbackup-", StringComparison.Ordinal))
        .SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(file)))
        .OfType<IKubernetesObject<V1ObjectMeta>>()];

    private static Dictionary<string, string?> Checksums(string folder) => Objects(folder).OfType<V1Deployment>()
        .ToDictionary(d => d.Metadata.Name, d => d.Spec.Template.Metadata.Annotations?.TryGetValue(Checksum, out var sum) == true ? sum : null, StringComparer.Ordinal);

    [Fact]
    public void Changing_one_config_maps_input_changes_only_the_checksum_of_the_pods_that_mount_it()
    {
        var before = Checksums(published.Kubernetes);
        var after = Checksums(changed.Kubernetes);

        Assert.NotEqual(before["prometheus"], after["prometheus"]);
        Assert.All(before.Keys.Where(name => name != "prometheus"), name => Assert.Equal(before[name], after[name]));
    }

    [Fact]
    public void Every_pod_that_mounts_a_config_map_carries_its_checksum()
    {
        var mounting = Objects(published.Kubernetes).OfType<V1Deployment>()
            .Where(d => (d.Spec.Template.Spec.Volumes ?? []).Any(v => v.ConfigMap is not null))
            .ToList();

        Assert.Contains(mounting, d => d.Metadata.Name == "nginx");
        Assert.All(mounting, d => Assert.Matches("^[0-9a-f]{64}$", d.Spec.Template.Metadata.Annotations[Checksum]));
    }

    [Fact]
    public void The_generated_secret_keeps_its_name_hash_so_a_changed_secret_rolls_the_pods_that_read_it()
    {
        var kustomization = File.ReadAllText(Path.Combine(published.Kubernetes, "kustomization.yaml"));

        Assert.DoesNotContain("disableNameSuffixHash", kustomization, StringComparison.Ordinal);
        // kustomize rewrites a generated Secret's name in Deployments' env and volume references; nowhere else may name it.
        var outsideDeployments = Directory.GetFiles(published.Kubernetes, "*.yaml")
            .Where(file => !Path.GetFileName(file).StartsWith("deployment-", StringComparison.Ordinal) && Path.GetFileName(file) != "kustomization.yaml")
            .Where(file => File.ReadAllText(file).Contains("healthai-secrets", StringComparison.Ordinal));
        Assert.Empty(outsideDeployments);
    }
}
