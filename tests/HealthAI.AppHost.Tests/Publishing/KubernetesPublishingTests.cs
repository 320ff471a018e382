using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Tests.Publishing;

public sealed class KubernetesPublishingTests(PublishedArtifacts published) : IClassFixture<PublishedArtifacts>
{
    private IReadOnlyList<object> Objects => field ??= [.. Directory.GetFiles(published.Kubernetes, "*.yaml")
        .Where(file => Path.GetFileName(file) != "kustomization.yaml")
        .SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(file)))];

    private T Single<T>(string name) where T : IKubernetesObject<V1ObjectMeta> =>
        Assert.Single(Objects.OfType<T>(), o => o.Metadata.Name == name);

    [Fact]
    public void Every_object_round_trips_through_the_typed_models()
    {
        foreach (var file in Directory.GetFiles(published.Kubernetes, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml"))
        {
            var text = File.ReadAllText(file);
            var objects = KubernetesYaml.LoadAllFromString(text);

            var again = string.Concat(objects.Select(o => KubernetesYaml.Serialize(o)));

            Assert.Equal(text.Trim(), again.Trim());
        }

        Assert.True(Objects.Count >= 25, $"only {Objects.Count} objects published");
    }

    [Fact]
    public void The_kustomization_lists_every_object_file()
    {
        var kustomization = File.ReadAllText(Path.Combine(published.Kubernetes, "kustomization.yaml"));

        Assert.All(Directory.GetFiles(published.Kubernetes, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml"),
            file => Assert.Contains($"- {file}", kustomization, StringComparison.Ordinal));
    }

    [Fact]
    public void The_API_deployment_drains_scales_safely_and_runs_locked_down()
    {
        var api = Single<V1Deployment>("healthai-api");
        var pod = api.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal(3, api.Spec.Replicas);
        Assert.Equal("RollingUpdate", api.Spec.Strategy.Type);
        Assert.Equal("0", api.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("1", api.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.DoesNotContain(":latest", container.Image, StringComparison.Ordinal);
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
        Assert.NotNull(container.StartupProbe);
        Assert.Equal(["sleep", "3"], container.Lifecycle.PreStop.Exec.Command);
        Assert.True(pod.TerminationGracePeriodSeconds >= 3 + 3 + 20, $"grace {pod.TerminationGracePeriodSeconds} s is shorter than preStop, drain and in-flight time");
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal("250m", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("512Mi", container.Resources.Requests["memory"].ToString());
        Assert.Equal("500m", container.Resources.Limits["cpu"].ToString());
        Assert.Equal("1Gi", container.Resources.Limits["memory"].ToString());
    }

    [Fact]
    public void Autoscaling_and_disruption_budget_follow_the_seed()
    {
        var hpa = Single<V2HorizontalPodAutoscaler>("healthai-api");
        var pdb = Single<V1PodDisruptionBudget>("healthai-api");
        var primaries = Single<V1Deployment>("healthai-api");

        Assert.Equal(3, primaries.Spec.Replicas);
        // The HPA must never scale below what the Deployment (the app model's primaries) runs.
        Assert.Equal(primaries.Spec.Replicas, hpa.Spec.MinReplicas);
        Assert.Equal(10, hpa.Spec.MaxReplicas);
        Assert.Equal(70, hpa.Spec.Metrics.Single(m => m.Resource.Name == "cpu").Resource.Target.AverageUtilization);
        Assert.Equal(80, hpa.Spec.Metrics.Single(m => m.Resource.Name == "memory").Resource.Target.AverageUtilization);
        Assert.Equal(300, hpa.Spec.Behavior.ScaleDown.StabilizationWindowSeconds);
        Assert.Equal(60, hpa.Spec.Behavior.ScaleUp.StabilizationWindowSeconds);
        Assert.Equal("2", pdb.Spec.MinAvailable.Value);
    }

    [Fact]
    public void Volumes_are_shared_and_sized_as_the_seed_says()
    {
        var data = Single<V1PersistentVolumeClaim>("healthai-data");
        var backups = Single<V1PersistentVolumeClaim>("healthai-backups");

        Assert.Equal(["ReadWriteMany"], data.Spec.AccessModes);
        Assert.Equal("10Gi", data.Spec.Resources.Requests["storage"].ToString());
        Assert.Equal("50Gi", backups.Spec.Resources.Requests["storage"].ToString());
    }

    [Fact]
    public void Only_the_edge_is_reachable_from_outside_and_the_API_only_from_the_edge_and_Prometheus()
    {
        var loadBalancers = Objects.OfType<V1Service>().Where(s => s.Spec.Type == "LoadBalancer").ToList();
        var policy = Single<V1NetworkPolicy>("healthai-api-ingress");

        Assert.Equal("nginx", Assert.Single(loadBalancers).Metadata.Name);
        Assert.Equal(2, Single<V1Deployment>("nginx").Spec.Replicas);
        var peers = Assert.Single(policy.Spec.Ingress).FromProperty.Select(p => p.PodSelector.MatchLabels["app.kubernetes.io/name"]);
        Assert.Equal(["nginx", "prometheus"], peers.Order());
    }

    [Fact]
    public void Secrets_come_from_the_secret_generator_not_from_the_manifests()
    {
        Assert.Empty(Objects.OfType<V1Secret>());
        var grafana = Single<V1Deployment>("grafana").Spec.Template.Spec.Containers.Single();
        Assert.NotNull(grafana.Env.Single(e => e.Name == "GF_SECURITY_ADMIN_PASSWORD").ValueFrom.SecretKeyRef);
        var api = Single<V1Deployment>("healthai-api").Spec.Template.Spec.Containers.Single();
        Assert.Equal("editor-token", api.Env.Single(e => e.Name == "KnowledgeBase__EditorToken").ValueFrom.SecretKeyRef.Key);
        Assert.Contains("editor-token=\n", File.ReadAllText(Path.Combine(published.Kubernetes, "secrets.env.template")), StringComparison.Ordinal);
        Assert.Contains("secrets.env", File.ReadAllText(Path.Combine(published.Kubernetes, "kustomization.yaml")), StringComparison.Ordinal);
    }
}
