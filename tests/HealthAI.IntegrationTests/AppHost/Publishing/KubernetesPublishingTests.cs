using HealthAI.AppHost.Publishing.Kubernetes;
using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Tests.Publishing;

public sealed class KubernetesPublishingTests(PublishedArtifacts published) : IClassFixture<PublishedArtifacts>
{
    // CloudNativePG's kinds, as the publisher's typed models: the client knows only the built-in ones.
    private static readonly Dictionary<string, Type> CustomKinds = new(StringComparer.Ordinal)
    {
        [$"{CnpgCluster.GroupVersion}/Cluster"] = typeof(CnpgCluster),
        [$"{CnpgCluster.GroupVersion}/ScheduledBackup"] = typeof(CnpgScheduledBackup),
    };

    private IReadOnlyList<object> Objects => field ??= [.. Directory.GetFiles(published.Kubernetes, "*.yaml")
        .Where(file => Path.GetFileName(file) != "kustomization.yaml")
        .SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(file), CustomKinds))];

    private T Single<T>(string name) where T : IKubernetesObject<V1ObjectMeta> =>
        Assert.Single(Objects.OfType<T>(), o => o.Metadata.Name == name);

    [Fact]
    public void Every_object_round_trips_through_the_typed_models()
    {
        foreach (var file in Directory.GetFiles(published.Kubernetes, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml"))
        {
            var text = File.ReadAllText(file);
            var objects = KubernetesYaml.LoadAllFromString(text, CustomKinds);

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

        // The HPA alone sets the count: a count in the Deployment would reset the scaled one on every apply.
        Assert.Null(primaries.Spec.Replicas);
        Assert.Equal("healthai-api", hpa.Spec.ScaleTargetRef.Name);
        Assert.Equal(3, hpa.Spec.MinReplicas);
        Assert.Equal(10, hpa.Spec.MaxReplicas);
        Assert.Equal(70, hpa.Spec.Metrics.Single(m => m.Resource.Name == "cpu").Resource.Target.AverageUtilization);
        Assert.Equal(80, hpa.Spec.Metrics.Single(m => m.Resource.Name == "memory").Resource.Target.AverageUtilization);
        Assert.Equal(300, hpa.Spec.Behavior.ScaleDown.StabilizationWindowSeconds);
        Assert.Equal(60, hpa.Spec.Behavior.ScaleUp.StabilizationWindowSeconds);
        Assert.Equal("1", pdb.Spec.MaxUnavailable.Value);
    }

    [Fact]
    public void Volumes_are_shared_and_sized_as_the_seed_says()
    {
        var backups = Single<V1PersistentVolumeClaim>("healthai-backups");
        var database = Single<CnpgCluster>("healthai-db");

        Assert.Equal(["ReadWriteMany"], backups.Spec.AccessModes);
        Assert.Equal("50Gi", backups.Spec.Resources.Requests["storage"].ToString());
        // The knowledge base is the CloudNativePG cluster's: one volume per instance, no shared data claim.
        Assert.Equal("10Gi", database.Spec.Storage.Size);
        Assert.DoesNotContain(Objects.OfType<V1PersistentVolumeClaim>(), claim => claim.Metadata.Name == "healthai-data");
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
        // The publish step generates the value (see Every_generated_secret_has_a_value...): never an empty editor token.
        Assert.Matches("(?m)^editor-token=[A-Za-z0-9]{32,}$", File.ReadAllText(Path.Combine(published.Kubernetes, "secrets.env")));
        Assert.Contains("secrets.env", File.ReadAllText(Path.Combine(published.Kubernetes, "kustomization.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_generated_secret_has_a_value_and_every_secret_reference_is_generated()
    {
        var lines = File.ReadAllLines(Path.Combine(published.Kubernetes, "secrets.env")).Where(l => !l.StartsWith('#') && l.Length > 0).ToList();
        var values = lines.ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);
        var referenced = Objects.OfType<V1Deployment>()
            .SelectMany(d => d.Spec.Template.Spec.Containers.Concat(d.Spec.Template.Spec.InitContainers ?? []))
            .SelectMany(c => c.Env ?? [])
            .Select(e => e.ValueFrom?.SecretKeyRef)
            .Where(r => r is not null && r.Name == "healthai-secrets")
            .Select(r => r!.Key)
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.All(referenced, key => Assert.Contains(key, values.Keys));
        Assert.Contains("grafana-admin-password", values.Keys);
        Assert.All(values, v => Assert.True(v.Value.Length >= 32 && v.Value.All(char.IsAsciiLetterOrDigit), $"{v.Key} is '{v.Value}'"));
        Assert.Equal(values.Count, values.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.False(File.Exists(Path.Combine(published.Kubernetes, "secrets.env.template")), "an unfilled template would deploy empty secrets");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(published.Kubernetes, "secrets.env")));
        }
    }

    [Fact]
    public void Every_container_runs_as_a_numeric_non_root_user_with_a_locked_down_security_context()
    {
        foreach (var deployment in Objects.OfType<V1Deployment>())
        {
            var pod = deployment.Spec.Template.Spec;
            foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
            {
                var at = $"{deployment.Metadata.Name}/{container.Name}";
                var context = container.SecurityContext;
                Assert.True(context is not null, $"{at} has no securityContext");
                Assert.True(context.RunAsNonRoot == true || pod.SecurityContext?.RunAsNonRoot == true, $"{at} may run as root");
                var user = context.RunAsUser ?? pod.SecurityContext?.RunAsUser;
                Assert.True(user is > 0, $"{at} has no numeric non-root user, so Kubernetes cannot verify runAsNonRoot");
                Assert.False(context.AllowPrivilegeEscalation, $"{at} allows privilege escalation");
                Assert.True(context.ReadOnlyRootFilesystem, $"{at} has a writable root filesystem");
                Assert.Equal(["ALL"], context.Capabilities.Drop);
                Assert.Equal("RuntimeDefault", context.SeccompProfile.Type);
            }
        }

        var edge = Single<V1Deployment>("nginx").Spec.Template.Spec;
        Assert.Equal(101, edge.SecurityContext.RunAsUser);
        Assert.Equal(65534, edge.Containers.Single(c => c.Name == "nginx-exporter").SecurityContext.RunAsUser);
    }

    [Fact]
    public void Every_workload_is_covered_by_a_network_policy_and_the_namespace_denies_ingress_by_default()
    {
        var policies = Objects.OfType<V1NetworkPolicy>().ToList();
        var deny = Single<V1NetworkPolicy>("default-deny-ingress");
        Assert.Empty(deny.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Equal(["Ingress"], deny.Spec.PolicyTypes);
        Assert.Null(deny.Spec.Ingress);

        foreach (var deployment in Objects.OfType<V1Deployment>())
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            var own = policies.Where(p => p.Metadata.Name != deny.Metadata.Name && (p.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToList();
            Assert.True(own.Count >= 1, $"no NetworkPolicy of its own selects {deployment.Metadata.Name}");
        }

        // Every rule names its port: no workload is open on a port it does not serve.
        Assert.All(policies.SelectMany(p => p.Spec.Ingress ?? []), rule => Assert.NotEmpty(rule.Ports));
        Assert.Equal(["grafana"], Single<V1NetworkPolicy>("prometheus-ingress").Spec.Ingress.Single().FromProperty.Select(p => p.PodSelector.MatchLabels["app.kubernetes.io/name"]));
        Assert.Equal(["prometheus"], Single<V1NetworkPolicy>("alertmanager-ingress").Spec.Ingress.Single().FromProperty.Select(p => p.PodSelector.MatchLabels["app.kubernetes.io/name"]));
        Assert.Null(Single<V1NetworkPolicy>("grafana-ingress").Spec.Ingress);
        var edgeRules = Single<V1NetworkPolicy>("nginx-ingress").Spec.Ingress;
        Assert.Equal([8080, 8443], edgeRules.Single(r => r.FromProperty is null).Ports.Select(p => int.Parse(p.Port.Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["prometheus"], edgeRules.Single(r => r.FromProperty is not null).FromProperty.Select(p => p.PodSelector.MatchLabels["app.kubernetes.io/name"]));
    }

    [Fact]
    public void Prometheus_cannot_be_reloaded_or_stopped_over_its_API()
    {
        var prometheus = Single<V1Deployment>("prometheus").Spec.Template.Spec.Containers.Single();

        Assert.DoesNotContain(prometheus.Args, a => a.Contains("enable-lifecycle", StringComparison.Ordinal));
        Assert.DoesNotContain(prometheus.Args, a => a.Contains("enable-admin-api", StringComparison.Ordinal));
    }

    [Fact]
    public void The_edge_service_keeps_client_addresses()
    {
        var service = Single<V1Service>("nginx");

        // Without Local, the load balancer's traffic is SNATed to node addresses: every client would look like
        // a private address (inside the allow-list) and share one rate-limit bucket.
        Assert.Equal("LoadBalancer", service.Spec.Type);
        Assert.Equal("Local", service.Spec.ExternalTrafficPolicy);
    }

    [Fact]
    public void The_edge_pods_run_directory_has_a_size_limit()
    {
        var nginx = Objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "nginx").Spec.Template.Spec;

        Assert.Equal($"{HealthAI.AppHost.Publishing.DeployedConfigurations.EdgeRunDirectoryMiB}Mi", nginx.Volumes.Single(v => v.Name == "run").EmptyDir.SizeLimit.ToString());
    }

    [Fact]
    public void The_replicas_get_the_edges_allow_list_and_trust_forwarded_addresses_from_the_pod_network()
    {
        var env = Single<V1Deployment>("healthai-api").Spec.Template.Spec.Containers.Single().Env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);

        Assert.Equal("10.0.0.0/8", env["NetworkAccess__AllowedNetworks__2"]);
        Assert.Equal("10.0.0.0/8", env["NetworkAccess__TrustedProxies__2"]);
    }
}
