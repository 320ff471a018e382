using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>
/// The Kubernetes manifests keep the knowledge base in a CloudNativePG cluster (the default): the Cluster and
/// its ScheduledBackup validate against the schema of the CRDs' fields HealthAI uses, the API reaches the
/// primary through the <c>-rw</c> Service with the operator's app secret and keeps no data volume.
/// </summary>
public sealed class CloudNativePgPublishingTests(PublishedArtifacts published) : IClassFixture<PublishedArtifacts>
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(
        RepositoryPaths.Of("HealthAI.AppHost", "Publishing", "Kubernetes", "cloudnative-pg.schema.json")));

    private JsonNode Manifest(string file) => YamlJson.Convert(File.ReadAllText(Path.Combine(published.Kubernetes, file)))!;

    [Theory]
    [InlineData("cluster-healthai-db.yaml")]
    [InlineData("scheduledbackup-healthai-db.yaml")]
    public void A_published_CloudNativePG_object_is_valid_against_the_CRD_schema(string file)
    {
        var result = Schema.Evaluate(Element(Manifest(file)), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join('\n', Errors(result)));
    }

    [Theory]
    [InlineData("enablePDB", "enablePdb")]
    [InlineData("postgresql", "postgres")]
    public void The_schema_refuses_a_misspelt_field(string field, string misspelt)
    {
        var cluster = Manifest("cluster-healthai-db.yaml");
        var spec = cluster["spec"]!.AsObject();
        var value = spec[field]!.DeepClone();
        spec.Remove(field);
        spec[misspelt] = value;

        Assert.False(Schema.Evaluate(Element(cluster)).IsValid);
    }

    [Fact]
    public void The_cluster_runs_three_instances_with_synchronous_replication_storage_and_backups()
    {
        var cluster = Manifest("cluster-healthai-db.yaml")["spec"]!;
        var synchronous = cluster["postgresql"]!["synchronous"]!;

        Assert.Equal(3, cluster["instances"]!.GetValue<long>());
        Assert.Equal("any", synchronous["method"]!.GetValue<string>());
        Assert.InRange(synchronous["number"]!.GetValue<long>(), 1, 2);
        Assert.Equal("required", synchronous["dataDurability"]!.GetValue<string>());
        Assert.Equal("10Gi", cluster["storage"]!["size"]!.GetValue<string>());
        Assert.True(cluster["enablePDB"]!.GetValue<bool>());
        Assert.NotNull(cluster["backup"]!["volumeSnapshot"]);
        Assert.Equal("volumeSnapshot", Manifest("scheduledbackup-healthai-db.yaml")["spec"]!["method"]!.GetValue<string>());
        // pg_dump in the API image is PostgreSQL 15's: it refuses a newer server.
        Assert.StartsWith("ghcr.io/cloudnative-pg/postgresql:15.", cluster["imageName"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_API_reaches_the_primary_through_the_rw_service_with_the_app_secret_and_keeps_no_data_volume()
    {
        var api = KubernetesYaml.Deserialize<V1Deployment>(File.ReadAllText(Path.Combine(published.Kubernetes, "deployment-healthai-api.yaml")));
        var pod = api.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        var environment = container.Env.ToDictionary(e => e.Name);

        Assert.Equal("PostgreSql", environment["KnowledgeBase__Engine"].Value);
        Assert.StartsWith("Host=healthai-db-rw,healthai-db-ro;", environment["KnowledgeBase__ConnectionString"].Value, StringComparison.Ordinal);
        Assert.Contains("Password=$(KNOWLEDGE_BASE_PASSWORD)", environment["KnowledgeBase__ConnectionString"].Value, StringComparison.Ordinal);
        Assert.Equal("healthai-db-app", environment["KNOWLEDGE_BASE_PASSWORD"].ValueFrom.SecretKeyRef.Name);
        Assert.Equal("password", environment["KNOWLEDGE_BASE_PASSWORD"].ValueFrom.SecretKeyRef.Key);
        // Kubernetes expands $(VAR) only from variables declared before.
        Assert.True(container.Env.IndexOf(environment["KNOWLEDGE_BASE_PASSWORD"]) < container.Env.IndexOf(environment["KnowledgeBase__ConnectionString"]));
        Assert.DoesNotContain(pod.Volumes, v => v.PersistentVolumeClaim?.ClaimName == "healthai-data");
        Assert.DoesNotContain(container.VolumeMounts, m => m.MountPath == "/app/data");
        Assert.False(File.Exists(Path.Combine(published.Kubernetes, "persistentvolumeclaim-healthai-data.yaml")));
        Assert.True(File.Exists(Path.Combine(published.Kubernetes, "poddisruptionbudget-healthai-api.yaml")));
    }

    [Fact]
    public void Only_the_API_the_instances_and_the_operator_reach_PostgreSQL()
    {
        var policy = KubernetesYaml.Deserialize<V1NetworkPolicy>(File.ReadAllText(Path.Combine(published.Kubernetes, "networkpolicy-healthai-db-ingress.yaml")));

        Assert.Equal("healthai-db", policy.Spec.PodSelector.MatchLabels["cnpg.io/cluster"]);
        Assert.Equal(4, policy.Spec.Ingress.Count);
        Assert.Contains(policy.Spec.Ingress, rule => rule.FromProperty.Single().PodSelector?.MatchLabels["app.kubernetes.io/component"] == "api"
            && rule.Ports.Single().Port.Value == "5432");
        Assert.Contains(policy.Spec.Ingress, rule => rule.FromProperty.Single().NamespaceSelector?.MatchLabels["kubernetes.io/metadata.name"] == "cnpg-system");
        // Prometheus reaches the instances' exporters, not PostgreSQL.
        var prometheus = Assert.Single(policy.Spec.Ingress, rule => rule.FromProperty.Single().PodSelector?.MatchLabels?.TryGetValue("app.kubernetes.io/name", out var name) == true && name == "prometheus");
        Assert.Equal("9187", prometheus.Ports.Single().Port.Value);
    }

    [Fact]
    public void Prometheus_scrapes_every_instance_through_a_headless_metrics_service()
    {
        var service = KubernetesYaml.Deserialize<V1Service>(File.ReadAllText(Path.Combine(published.Kubernetes, "service-healthai-db-metrics.yaml")));
        var config = File.ReadAllText(Path.Combine(published.Kubernetes, "configmap-prometheus-config.yaml"));

        Assert.Equal("None", service.Spec.ClusterIP);
        Assert.Equal("healthai-db", service.Spec.Selector["cnpg.io/cluster"]);
        Assert.Equal(9187, service.Spec.Ports.Single().Port);
        Assert.Contains("job_name: cloudnative-pg", config, StringComparison.Ordinal);
        Assert.Contains("healthai-db-metrics.healthai.svc", config, StringComparison.Ordinal);
    }

    private static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
}
