using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>The <c>HealthAI:Publish:Kubernetes:*</c> settings reach the published artifacts.</summary>
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
}
