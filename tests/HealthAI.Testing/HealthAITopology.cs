namespace HealthAI.Testing;

/// <summary>The resource names of the AppHost's model, in one place for tests and drills.</summary>
public static class HealthAITopology
{
    public static readonly string[] Replicas = ["healthai-app-1", "healthai-app-2", "healthai-app-3", "healthai-app-backup"];

    public static readonly string[] Primaries = ["healthai-app-1", "healthai-app-2", "healthai-app-3"];

    public const string Backup = "healthai-app-backup";

    public static readonly string[] Edges = ["nginx", "haproxy"];
}
