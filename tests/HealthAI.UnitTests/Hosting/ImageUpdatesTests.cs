using System.Reflection;
using System.Text.RegularExpressions;

namespace HealthAI.Hosting.Tests;

/// <summary>
/// Every image gets Debian's security fixes: the local base has bookworm-updates and bookworm-security,
/// apt checks Valid-Until, and each image upgrades in one shared first layer that a new archive rebuilds.
/// </summary>
public sealed partial class ImageUpdatesTests
{
    private static readonly string BuildScript = File.ReadAllText(RepositoryPaths.Of("scripts", "build-images.sh"));

    // Every image HealthAIImageTags names, each Dockerfile relative to the repository.
    private static readonly string[] DockerfilePaths = typeof(HealthAIImageTags).GetProperties(BindingFlags.Public | BindingFlags.Static)
        .Where(property => property.PropertyType == typeof(ProjectImage))
        .Select(property => Path.Combine(((ProjectImage)property.GetValue(null)!).Context, ProjectImage.Dockerfile))
        .ToArray();

    public static TheoryData<string> Dockerfiles { get; } = new(DockerfilePaths);

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void No_Dockerfile_turns_off_apts_date_checks(string dockerfile)
    {
        var text = File.ReadAllText(RepositoryPaths.Of(dockerfile));

        Assert.DoesNotContain("Check-Valid-Until", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Check-Date", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_build_script_turns_off_no_date_check()
    {
        Assert.DoesNotContain("Check-Valid-Until", BuildScript, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Check-Date", BuildScript, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_debootstrap_base_installs_from_the_updates_and_security_suites()
    {
        Assert.Contains("Suites: bookworm bookworm-updates\n", BuildScript, StringComparison.Ordinal);
        Assert.Contains("Suites: bookworm-security\n", BuildScript, StringComparison.Ordinal);
        Assert.Contains("base_sources >\"$root/etc/apt/sources.list.d/debian.sources\"", BuildScript, StringComparison.Ordinal);
        // debootstrap's sources.list (the main suite only) is replaced, not kept beside the new file.
        Assert.Contains("rm -f \"$root.log\" \"$root/etc/apt/sources.list\"", BuildScript, StringComparison.Ordinal);
        Assert.Contains("apt-get upgrade", BuildScript, StringComparison.Ordinal);
        Assert.Contains("--build-arg \"APT_ARCHIVES=$apt_archives\"", BuildScript, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_image_upgrades_in_the_same_first_layer_keyed_by_the_archives()
    {
        var firstLayers = DockerfilePaths
            .Select(dockerfile => FirstLayer().Match(File.ReadAllText(RepositoryPaths.Of(dockerfile))))
            .ToList();

        // Every Dockerfile of the solution's projects is an image HealthAIImageTags names.
        var inProjects = Directory.GetDirectories(RepositoryPaths.Root, "HealthAI.*")
            .SelectMany(project => Directory.GetFiles(project, ProjectImage.Dockerfile, SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(RepositoryPaths.Root, file));
        Assert.Equal(inProjects.Order(StringComparer.Ordinal), DockerfilePaths.Order(StringComparer.Ordinal));
        Assert.All(firstLayers, match => Assert.True(match.Success, "no `ARG APT_ARCHIVES=` followed by the first RUN"));
        Assert.Single(firstLayers.Select(match => match.Value).Distinct(StringComparer.Ordinal));
        Assert.Contains("apt-get update -qq", firstLayers[0].Value, StringComparison.Ordinal);
        Assert.Contains("apt-get upgrade -y", firstLayers[0].Value, StringComparison.Ordinal);
    }

    // From the archives' argument to the end of the RUN after it (its lines continued with a backslash).
    [GeneratedRegex(@"^ARG APT_ARCHIVES=\nRUN (?:.*\\\n)*.*$", RegexOptions.Multiline)]
    private static partial Regex FirstLayer();
}
