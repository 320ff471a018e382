namespace HealthAI.AppHost.Publishing.Kubernetes;

// kustomization.yaml, as YamlDotNet serializes it (camelCase keys).
internal sealed class Kustomization
{
    public string ApiVersion { get; init; } = "kustomize.config.k8s.io/v1beta1";

    public string Kind { get; init; } = "Kustomization";

    public required string Namespace { get; init; }

    public required List<string> Resources { get; init; }

    public required List<SecretGenerator> SecretGenerator { get; init; }

    public GeneratorOptions GeneratorOptions { get; init; } = new();
}

internal sealed class SecretGenerator
{
    public required string Name { get; init; }

    public required List<string> Envs { get; init; }
}

internal sealed class GeneratorOptions
{
    // Deployments refer to the secret by its plain name.
    public bool DisableNameSuffixHash { get; init; } = true;
}
