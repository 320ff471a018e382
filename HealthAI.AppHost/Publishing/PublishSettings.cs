namespace HealthAI.AppHost.Publishing;

/// <summary>What the published artifacts name: images, their tags, the Kubernetes namespace.</summary>
public sealed class PublishSettings
{
    /// <summary>The API image's name: <c>./healthai images</c> builds it; a deployment that pushes it elsewhere names its registry here.</summary>
    public string ApiImage { get; set; } = HealthAI.Edge.Hosting.ProjectImages.Api.Repository;

    /// <summary>The API image tag. Pinned: never <c>latest</c>, so a rollout is a change you can see.</summary>
    public string ImageTag { get; set; } = HealthAI.Edge.Hosting.ProjectImages.Tag;

    /// <summary>The Kubernetes namespace the manifests are written for.</summary>
    public string Namespace { get; set; } = "healthai";

    /// <summary>The knowledge base of the Kubernetes manifests (a CloudNativePG cluster by default).</summary>
    public KubernetesDatabaseSettings Kubernetes { get; set; } = new();
}
