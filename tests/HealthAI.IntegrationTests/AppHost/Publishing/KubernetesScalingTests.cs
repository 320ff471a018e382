using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>The autoscaler alone sets the API's pod count, and every Deployment of more than one pod has a disruption budget.</summary>
public sealed class KubernetesScalingTests(PublishedArtifacts published) : IClassFixture<PublishedArtifacts>
{
    private List<IKubernetesObject<V1ObjectMeta>> Objects => field ??= [.. Directory.GetFiles(published.Kubernetes, "*.yaml")
        .Where(file => Path.GetFileName(file) is not "kustomization.yaml" && !Path.GetFileName(file).StartsWith("cluster-", StringComparison.Ordinal)
            && !Path.GetFileName(file).StartsWith("scheduledbackup-", StringComparison.Ordinal))
        .SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(file)))
        .OfType<IKubernetesObject<V1ObjectMeta>>()];

    private List<V1Deployment> OfSeveralPods
    {
        get
        {
            var autoscaled = Objects.OfType<V2HorizontalPodAutoscaler>().Select(h => h.Spec.ScaleTargetRef.Name).ToHashSet(StringComparer.Ordinal);
            return [.. Objects.OfType<V1Deployment>().Where(d => autoscaled.Contains(d.Metadata.Name) || d.Spec.Replicas > 1)];
        }
    }

    [Fact]
    public void No_deployment_an_autoscaler_targets_sets_its_replica_count()
    {
        var targets = Objects.OfType<V2HorizontalPodAutoscaler>().Select(h => h.Spec.ScaleTargetRef.Name).ToList();

        Assert.NotEmpty(targets);
        Assert.All(Objects.OfType<V1Deployment>().Where(d => targets.Contains(d.Metadata.Name)), d => Assert.Null(d.Spec.Replicas));
    }

    [Fact]
    public void Every_deployment_of_more_than_one_pod_has_a_disruption_budget_of_one_pod()
    {
        var budgets = Objects.OfType<V1PodDisruptionBudget>().ToList();

        Assert.Equal(["healthai-api", "nginx"], OfSeveralPods.Select(d => d.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(OfSeveralPods, deployment =>
        {
            var budget = Assert.Single(budgets, b => b.Spec.Selector.MatchLabels.SequenceEqual(deployment.Spec.Selector.MatchLabels));
            Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
        });
    }

    [Fact]
    public void Every_deployment_of_more_than_one_pod_spreads_over_nodes_and_zones_without_blocking_scheduling()
    {
        Assert.All(OfSeveralPods, deployment =>
        {
            var spread = deployment.Spec.Template.Spec.TopologySpreadConstraints;
            Assert.Equal(["kubernetes.io/hostname", "topology.kubernetes.io/zone"], spread.Select(c => c.TopologyKey));
            Assert.All(spread, c => Assert.Equal("ScheduleAnyway", c.WhenUnsatisfiable));
            Assert.All(spread, c => Assert.Equal(deployment.Spec.Selector.MatchLabels, c.LabelSelector.MatchLabels));
        });
    }
}
