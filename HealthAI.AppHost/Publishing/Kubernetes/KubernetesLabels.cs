namespace HealthAI.AppHost.Publishing.Kubernetes;

/// <summary>The recommended Kubernetes labels HealthAI's objects carry, and the selectors built from them.</summary>
internal static class KubernetesLabels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Component = "app.kubernetes.io/component";
    public const string PartOf = "app.kubernetes.io/part-of";
    public const string Version = "app.kubernetes.io/version";
    public const string Role = "healthai.io/role";

    /// <summary>The labels of one workload.</summary>
    public static Dictionary<string, string> For(string name, string component) => new(StringComparer.Ordinal)
    {
        [Name] = name,
        [Component] = component,
        [PartOf] = "healthai",
    };

    /// <summary>A selector on the workload's name, which never changes across versions.</summary>
    public static Dictionary<string, string> Selector(string name) => new(StringComparer.Ordinal) { [Name] = name };
}
