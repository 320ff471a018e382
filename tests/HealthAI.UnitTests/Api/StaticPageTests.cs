using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace HealthAI.Api.Tests;

/// <summary>The question page the edge serves under /static/ with immutable caching.</summary>
public sealed partial class StaticPageTests
{
    private static readonly string StaticDirectory = Path.Combine(RepositoryRoot(), "HealthAI.AppHost", "static");

    [Theory]
    [InlineData("app.js")]
    [InlineData("app.css")]
    public void The_page_references_each_asset_by_its_current_content_hash(string asset)
    {
        var page = File.ReadAllText(Path.Combine(StaticDirectory, "index.html"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(StaticDirectory, asset))))[..12];

        Assert.Contains($"/static/{asset}?v={hash}", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_loads_nothing_from_outside_the_site()
    {
        var external = Directory.EnumerateFiles(StaticDirectory)
            .Where(file => file.EndsWith(".html", StringComparison.Ordinal) || file.EndsWith(".css", StringComparison.Ordinal) || file.EndsWith(".js", StringComparison.Ordinal))
            .SelectMany(file => ExternalReference().Matches(File.ReadAllText(file)).Select(match => $"{Path.GetFileName(file)}: {match.Value}"));

        Assert.Empty(external);
    }

    [Fact]
    public void The_page_asks_the_API_and_shows_who_answered()
    {
        var script = File.ReadAllText(Path.Combine(StaticDirectory, "app.js"));

        Assert.Contains("\"/api/ask\"", script, StringComparison.Ordinal);
        Assert.Contains("X-HealthAI-Instance", script, StringComparison.Ordinal);
        Assert.Contains("answeredBy", script, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HealthAI.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("HealthAI.sln not found above the test assembly.");
    }

    [GeneratedRegex(@"(src|href)\s*=\s*[""']?(https?:)?//|url\(\s*[""']?(https?:)?//|@import")]
    private static partial Regex ExternalReference();
}
