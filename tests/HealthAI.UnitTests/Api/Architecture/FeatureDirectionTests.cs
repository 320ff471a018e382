namespace HealthAI.Api.Tests.Architecture;

/// <summary>
/// The API's features depend in one direction, Storage ← KnowledgeBase ← Semantic ← Search ← Ask, with the
/// shared model plumbing (Models) beside them: a feature names no type of a feature that builds on it.
/// </summary>
public sealed class FeatureDirectionTests
{
    [Fact]
    public void No_feature_uses_a_feature_that_builds_on_it()
    {
        var violations = FeatureReferences.Scan(RepositoryPaths.Of("HealthAI.Api"))
            .Where(reference => !FeatureMap.MayUse(reference.From, reference.To))
            .Select(reference => reference.ToString())
            .ToList();

        Assert.True(violations.Count == 0, "References against the features' direction:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Every_feature_folder_is_found_and_declares_types()
    {
        var features = FeatureReferences.DeclaredTypes().Values.SelectMany(found => found).ToHashSet();

        Assert.Superset(FeatureMap.Features.ToHashSet(), features);
    }

    [Fact]
    public void A_reference_against_the_direction_is_caught()
    {
        var reference = FeatureReferences.InSource("namespace HealthAI.Api.KnowledgeBase;\nclass X { HybridSearch? search; }", "X.cs");

        Assert.Contains(reference, found => found.From == "KnowledgeBase" && found.To == "Search");
    }
}
