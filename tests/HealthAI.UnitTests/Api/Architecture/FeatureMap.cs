namespace HealthAI.Api.Tests.Architecture;

/// <summary>The API's features, by namespace, and which others each may use.</summary>
internal static class FeatureMap
{
    private static readonly (string Feature, string Namespace)[] Namespaces =
    [
        // Most specific first: Storage sits inside the KnowledgeBase folder.
        ("Storage", "HealthAI.Api.KnowledgeBase.Storage"),
        ("KnowledgeBase", "HealthAI.Api.KnowledgeBase"),
        ("Models", "HealthAI.Api.Models"),
        ("Semantic", "HealthAI.Api.Semantic"),
        ("Search", "HealthAI.Api.Search"),
        ("Ask", "HealthAI.Api.Ask"),
    ];

    // The knowledge base's settings sit below storage, which reads them; they keep the KnowledgeBase namespace
    // because the AppHost binds them there.
    private const string Settings = "KnowledgeBaseSettings";
    private static readonly string[] SettingsTypes = ["KnowledgeBaseOptions", "KnowledgeBaseEngine"];

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Settings] = [],
        ["Storage"] = [Settings],
        ["KnowledgeBase"] = [Settings, "Storage"],
        ["Models"] = [],
        ["Semantic"] = [Settings, "Storage", "KnowledgeBase", "Models"],
        ["Search"] = [Settings, "Storage", "KnowledgeBase", "Models", "Semantic"],
        ["Ask"] = [Settings, "Storage", "KnowledgeBase", "Models", "Semantic", "Search"],
    };

    public static IEnumerable<string> Features => Namespaces.Select(entry => entry.Feature);

    /// <summary>The feature a namespace belongs to, or null for shared code (Http, Access, the root) and the other features.</summary>
    public static string? FeatureOf(string? @namespace) =>
        @namespace is null
            ? null
            : Namespaces.FirstOrDefault(entry => @namespace == entry.Namespace || @namespace.StartsWith(entry.Namespace + ".", StringComparison.Ordinal)).Feature;

    /// <summary>The feature a type belongs to: its namespace's, but for the knowledge base's settings.</summary>
    public static string? FeatureOf(Type type) =>
        type.Namespace == "HealthAI.Api.KnowledgeBase" && SettingsTypes.Contains(type.Name) ? Settings : FeatureOf(type.Namespace);

    public static bool MayUse(string from, string to) => from == to || Allowed[from].Contains(to);
}
