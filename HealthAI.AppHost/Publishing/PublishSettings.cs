namespace HealthAI.AppHost.Publishing;

/// <summary>What the published artifacts name: images, their tags, the Kubernetes namespace.</summary>
public sealed class PublishSettings
{
    /// <summary>Where the API image is pushed, and pulled from by the deployments.</summary>
    public string ApiImage { get; set; } = "ghcr.io/healthai/healthai-api";

    /// <summary>The API image tag. Pinned: never <c>latest</c>, so a rollout is a change you can see.</summary>
    public string ImageTag { get; set; } = "1.0.0";

    /// <summary>The Kubernetes namespace the manifests are written for.</summary>
    public string Namespace { get; set; } = "healthai";
}
