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

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Storage"] = [],
        ["KnowledgeBase"] = ["Storage"],
        ["Models"] = [],
        ["Semantic"] = ["Storage", "KnowledgeBase", "Models"],
        ["Search"] = ["Storage", "KnowledgeBase", "Models", "Semantic"],
        ["Ask"] = ["Storage", "KnowledgeBase", "Models", "Semantic", "Search"],
    };

    public static IEnumerable<string> Features => Namespaces.Select(entry => entry.Feature);

    /// <summary>The feature a namespace belongs to, or null for shared code (Http, Access, the root) and the other features.</summary>
    public static string? FeatureOf(string? @namespace) =>
        @namespace is null
            ? null
            : Namespaces.FirstOrDefault(entry => @namespace == entry.Namespace || @namespace.StartsWith(entry.Namespace + ".", StringComparison.Ordinal)).Feature;

    /// <summary>The feature a type belongs to: its namespace's.</summary>
    public static string? FeatureOf(Type type) => FeatureOf(type.Namespace);

    public static bool MayUse(string from, string to) => from == to || Allowed[from].Contains(to);
}
