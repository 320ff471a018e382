using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Publishing.Kubernetes;

/// <summary>Qualifies every container image of the pod templates with the deployment's registry.</summary>
internal static class KubernetesImages
{
    public static void Qualify(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects, DeploymentTopology topology)
    {
        foreach (var pod in objects.OfType<V1Deployment>().Select(deployment => deployment.Spec.Template.Spec))
        {
            foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
            {
                container.Image = topology.Image(container.Image);
            }
        }
    }
}
