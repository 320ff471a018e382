using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HealthAI.AppHost.Publishing;

/// <summary>
/// The YAML writers of every typed document HealthAI renders (prometheus.yml, the compose file, the
/// kustomization): nulls left out, no anchors, and strings quoted wherever YAML would read them as
/// something else. Kubernetes objects go through KubernetesClient's own serializer.
/// </summary>
internal static class YamlSerializers
{
    /// <summary>snake_case keys: Prometheus and Compose.</summary>
    public static ISerializer SnakeCase { get; } = Create(UnderscoredNamingConvention.Instance);

    /// <summary>camelCase keys: kustomize.</summary>
    public static ISerializer CamelCase { get; } = Create(CamelCaseNamingConvention.Instance);

    private static ISerializer Create(INamingConvention naming) => new SerializerBuilder()
        .WithNamingConvention(naming)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();
}
