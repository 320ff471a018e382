using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>The <c>HealthAI:Publish:Kubernetes:*</c> and <c>HealthAI:Publish:Registry</c> settings reach the published artifacts.</summary>
public sealed class KubernetesSettingsPublishingTests(PublishedTunedArtifacts published) : IClassFixture<PublishedTunedArtifacts>
{
    private T Single<T>(string file) => KubernetesYaml.Deserialize<T>(File.ReadAllText(Path.Combine(published.Kubernetes, file)));

    [Fact]
    public void The_autoscaler_bounds_and_the_API_resources_follow_the_settings()
    {
        var hpa = Single<V2HorizontalPodAutoscaler>("horizontalpodautoscaler-healthai-api.yaml");
        var api = Single<V1Deployment>("deployment-healthai-api.yaml");
        var resources = Assert.Single(api.Spec.Template.Spec.Containers).Resources;

        Assert.Equal(4, hpa.Spec.MinReplicas);
        Assert.Equal(12, hpa.Spec.MaxReplicas);
        Assert.Null(api.Spec.Replicas);
        Assert.Equal("1", resources.Requests["cpu"].ToString());
        Assert.Equal("768Mi", resources.Requests["memory"].ToString());
        Assert.Equal("1500m", resources.Limits["cpu"].ToString());
        Assert.Equal("2Gi", resources.Limits["memory"].ToString());
    }

    [Fact]
    public void The_registry_qualifies_every_project_image_in_both_targets_and_leaves_qualified_ones()
    {
        var images = Directory.GetFiles(published.Kubernetes, "deployment-*.yaml")
            .Select(file => KubernetesYaml.Deserialize<V1Deployment>(File.ReadAllText(file)))
            .SelectMany(deployment => deployment.Spec.Template.Spec.Containers.Select(container => container.Image))
            .Concat(File.ReadAllLines(Path.Combine(published.Compose, "docker-compose.yaml"))
                .Select(line => line.Trim())
                .Where(line => line.StartsWith("image: ", StringComparison.Ordinal))
                .Select(line => line["image: ".Length..]))
            .ToList();

        Assert.Contains("registry.example.com:5000/healthai/api:1.0.0", images);
        Assert.Contains("registry.example.com:5000/healthai/nginx:1.0.0", images);
        Assert.All(images.Where(image => image.StartsWith("healthai/", StringComparison.Ordinal)), image => Assert.Fail($"{image} is not qualified"));
        Assert.Contains(images, image => image.StartsWith("docker.io/grafana/", StringComparison.Ordinal));
    }
}
