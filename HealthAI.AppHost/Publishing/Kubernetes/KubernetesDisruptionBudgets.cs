using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Publishing.Kubernetes;

/// <summary>A PodDisruptionBudget for every Deployment that runs more than one pod, or whose pods an autoscaler counts.</summary>
internal static class KubernetesDisruptionBudgets
{
    public static IEnumerable<V1PodDisruptionBudget> For(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var autoscaled = objects.OfType<V2HorizontalPodAutoscaler>()
            .Where(hpa => hpa.Spec.ScaleTargetRef.Kind == "Deployment")
            .ToDictionary(hpa => hpa.Spec.ScaleTargetRef.Name, hpa => hpa.Spec.MinReplicas ?? 1, StringComparer.Ordinal);
        return objects.OfType<V1Deployment>()
            .Where(deployment => (autoscaled.TryGetValue(deployment.Metadata.Name, out var least) ? least : deployment.Spec.Replicas ?? 1) > 1)
            .Select(deployment => new V1PodDisruptionBudget
            {
                Metadata = new V1ObjectMeta { Name = deployment.Metadata.Name, Labels = deployment.Metadata.Labels },
                // Voluntary disruptions (node drains, upgrades) take one pod at a time, however many the autoscaler runs.
                Spec = new V1PodDisruptionBudgetSpec { MaxUnavailable = 1, Selector = new V1LabelSelector { MatchLabels = deployment.Spec.Selector.MatchLabels } },
            }.Initialize());
    }
}
