namespace HealthAI.AppHost.Publishing;

/// <summary>What the published artifacts name: images, their tags, the Kubernetes namespace.</summary>
public sealed class PublishSettings
{
    /// <summary>The API image's name: <c>./healthai images</c> builds it; a deployment that pushes it elsewhere names its registry here.</summary>
    public string ApiImage { get; set; } = HealthAI.Hosting.HealthAIImageTags.Api.Repository;

    /// <summary>
    /// The registry (<c>host[:port]</c>) that qualifies every image name without one in the compose file and the Kubernetes
    /// manifests (the project's images: <c>registry.example.com:5000/healthai/api:1.0.0</c>); empty leaves the names as built.
    /// </summary>
    public string Registry { get; set; } = "";

    /// <summary>The API image tag. Pinned: never <c>latest</c>, so a rollout is a change you can see.</summary>
    public string ImageTag { get; set; } = HealthAI.Hosting.HealthAIImageTags.Tag;

    /// <summary>
    /// The size at which Docker rotates a compose service's log (the json-file driver's <c>max-size</c>); each keeps
    /// <see cref="ComposeLogFiles"/> files, so an edge that logs every refused request cannot fill the disk that holds the volumes.
    /// </summary>
    public string ComposeLogMaxSize { get; set; } = "10m";

    /// <summary>How many rotated log files each compose service keeps (the json-file driver's <c>max-file</c>).</summary>
    public int ComposeLogFiles { get; set; } = 3;

    /// <summary>The Kubernetes namespace the manifests are written for.</summary>
    public string Namespace { get; set; } = "healthai";

    /// <summary>The Kubernetes manifests: the API's autoscaling and compute, and the knowledge base (a CloudNativePG cluster by default).</summary>
    public KubernetesSettings Kubernetes { get; set; } = new();
}
