namespace HealthAI.AppHost.Publishing.Kubernetes;

// kustomization.yaml, as YamlDotNet serializes it (camelCase keys).
internal sealed class Kustomization
{
    public string ApiVersion { get; init; } = "kustomize.config.k8s.io/v1beta1";

    public string Kind { get; init; } = "Kustomization";

    public required string Namespace { get; init; }

    public required List<string> Resources { get; init; }

    // Without disableNameSuffixHash: the Secret's name carries a hash of its values, which kustomize writes into every
    // reference, so changing secrets.env rolls exactly the pods that read it.
    public required List<SecretGenerator> SecretGenerator { get; init; }
}

internal sealed class SecretGenerator
{
    public required string Name { get; init; }

    public required List<string> Envs { get; init; }
}
