using k8s;
using k8s.Models;
using static HealthAI.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace HealthAI.AppHost.Publishing.Kubernetes;

/// <summary>
/// Ingress for every workload: the namespace denies by default, and each workload admits only the pods that
/// must reach it, on the one port they use. Without this any pod in the cluster could reach Prometheus,
/// Alertmanager or Grafana, or the API past the edge.
/// </summary>
internal static class KubernetesNetworkPolicies
{
    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Create(DeploymentTopology topology)
    {
        var edge = topology.DefaultEdge.Name;
        var prometheus = topology.Prometheus.Name;

        // Every pod of the namespace, including any added later, starts with no ingress at all.
        yield return Policy("default-deny-ingress", new V1LabelSelector(), []);

        // Primaries and the backup alike: only the edge and Prometheus may connect.
        yield return Policy("healthai-api-ingress", new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [KubernetesLabels.Component] = "api" } },
            [From([edge, prometheus], topology.ApiPort)]);

        // The edge is the way in: anyone on its public ports (the allow-list is the edge's own job), Prometheus on the
        // exporter and mtail sidecars. The status port is admitted to no one: the exporter reads it over the pod's loopback.
        yield return Policy($"{edge}-ingress", Selects(edge),
        [
            new V1NetworkPolicyIngressRule { Ports = [Tcp(DeployedConfigurations.EdgeHttpPort), Tcp(DeployedConfigurations.EdgeHttpsPort)] },
            From([prometheus], [topology.EdgeExporter.Port, .. topology.EdgeSidecars.Select(sidecar => sidecar.Port)]),
        ]);

        // Each monitoring service admits only the monitoring services the model connects to it (Grafana reads Prometheus,
        // Prometheus sends alerts to Alertmanager); operators reach them with kubectl port-forward (or an ingress they add
        // and allow here). Prometheus' lifecycle API is off.
        foreach (var service in topology.MonitoringServices)
        {
            yield return Policy($"{service.Name}-ingress", Selects(service.Name), service.Clients.Count == 0 ? [] : [From(service.Clients, service.ContainerPort)]);
        }
    }

    private static V1NetworkPolicy Policy(string name, V1LabelSelector pods, IList<V1NetworkPolicyIngressRule> ingress) => new V1NetworkPolicy
    {
        Metadata = Meta(name, KubernetesLabels.For(name, "network-policy")),
        Spec = new V1NetworkPolicySpec { PodSelector = pods, PolicyTypes = ["Ingress"], Ingress = ingress.Count == 0 ? null : ingress },
    }.Initialize();

    private static V1LabelSelector Selects(string workload) => new() { MatchLabels = KubernetesLabels.Selector(workload) };

    private static V1NetworkPolicyIngressRule From(IEnumerable<string> workloads, int port) => From(workloads, [port]);

    private static V1NetworkPolicyIngressRule From(IEnumerable<string> workloads, IEnumerable<int> ports) => new()
    {
        FromProperty = [.. workloads.Select(workload => new V1NetworkPolicyPeer { PodSelector = Selects(workload) })],
        Ports = [.. ports.Select(Tcp)],
    };

    private static V1NetworkPolicyPort Tcp(int port) => new() { Port = port, Protocol = "TCP" };
}
