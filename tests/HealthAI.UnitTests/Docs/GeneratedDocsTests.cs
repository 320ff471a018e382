namespace HealthAI.UnitTests.Docs;

/// <summary>
/// The generated references in <c>docs/</c> equal what the code produces, so that a changed default, check or route
/// cannot leave them stale. After an intended change: <c>./healthai docs</c> (or <c>./healthai accept-snapshots</c>).
/// </summary>
public sealed class GeneratedDocsTests
{
    /// <summary>Set to 1 to write the files instead of comparing them (what <c>./healthai docs</c> does).</summary>
    public const string AcceptVariable = "HEALTHAI_ACCEPT_SNAPSHOTS";

    [Fact]
    public void The_settings_reference_matches_the_options_and_settings_types() =>
        AssertCurrent(SettingsReference.RelativePath, SettingsReference.Render());

    [Fact]
    public void The_route_reference_matches_the_edge_routes() =>
        AssertCurrent(RouteReference.RelativePath, RouteReference.Render());

    [Fact]
    public void The_settings_reference_covers_every_section_the_code_binds()
    {
        var sections = SettingsReference.Sections().Select(s => s.Section).ToList();

        Assert.Contains("HealthAI", sections);
        Assert.Contains("KnowledgeBase", sections);
        Assert.Contains("Replica", sections);
        Assert.Contains("NetworkAccess", sections);
    }

    [Fact]
    public void The_settings_reference_reads_checks_from_the_validators()
    {
        var text = SettingsReference.Render();

        Assert.Contains("| `HealthAI:Edges:Retry:Tries` |", text, StringComparison.Ordinal);
        Assert.Contains("must be between", text, StringComparison.Ordinal);
    }

    private static void AssertCurrent(string relativePath, string expected)
    {
        var path = RepositoryPaths.Of(relativePath.Split('/'));
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }

        var actual = File.Exists(path) ? File.ReadAllText(path) : "";
        Assert.True(actual == expected,
            $"{relativePath} is not what the code generates. Run `./healthai docs` and commit the result.");
    }
}
