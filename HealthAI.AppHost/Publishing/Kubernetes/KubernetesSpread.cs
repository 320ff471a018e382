using k8s.Models;

namespace HealthAI.AppHost.Publishing.Kubernetes;

/// <summary>Spreads a Deployment's pods over nodes, and over zones where the nodes name them.</summary>
internal static class KubernetesSpread
{
    public const string NodeKey = "kubernetes.io/hostname";
    public const string ZoneKey = "topology.kubernetes.io/zone";

    public static V1Deployment AcrossNodesAndZones(this V1Deployment deployment)
    {
        var selector = new V1LabelSelector { MatchLabels = deployment.Spec.Selector.MatchLabels };
        deployment.Spec.Template.Spec.TopologySpreadConstraints =
        [
            // ScheduleAnyway: a cordoned node still counts as a domain, so DoNotSchedule could leave the pods a drain
            // evicts Pending, and the disruption budget would then stall the drain.
            Constraint(NodeKey, selector),
            // Nodes without a zone label are then simply not weighed, so a cluster without zones schedules as before.
            Constraint(ZoneKey, selector),
        ];
        return deployment;
    }

    private static V1TopologySpreadConstraint Constraint(string key, V1LabelSelector selector) => new()
    {
        TopologyKey = key,
        MaxSkew = 1,
        WhenUnsatisfiable = "ScheduleAnyway",
        LabelSelector = selector,
        // Counts only the pods of the current ReplicaSet, so a rollout's old pods do not skew where the new ones go.
        MatchLabelKeys = ["pod-template-hash"],
    };
}
