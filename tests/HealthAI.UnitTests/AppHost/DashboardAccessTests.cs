using System.Text.Json;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// The dashboard shows every replica's environment, secrets included: it asks for its login token (Aspire's default),
/// and nothing the project runs it with turns anonymous access on.
/// </summary>
public sealed class DashboardAccessTests
{
    private static readonly string[] AnonymousSwitches = ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS", "UnsecuredAllowAnonymous"];

    [Fact]
    public void No_launch_profile_allows_anonymous_dashboard_access()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Of("HealthAI.AppHost", "Properties", "launchSettings.json")));

        foreach (var profile in settings.RootElement.GetProperty("profiles").EnumerateObject())
        {
            var variables = profile.Value.TryGetProperty("environmentVariables", out var found) ? found.EnumerateObject().Select(v => v.Name) : [];
            Assert.DoesNotContain(variables, name => AnonymousSwitches.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase)));
        }
    }

    [Fact]
    public void Neither_the_script_nor_the_AppHost_settings_allow_anonymous_access()
    {
        var files = new[] { RepositoryPaths.Of("healthai") }
            .Concat(Directory.EnumerateFiles(RepositoryPaths.Of("scripts"), "*.sh"))
            .Concat(Directory.EnumerateFiles(RepositoryPaths.Of("HealthAI.AppHost"), "appsettings*.json"));

        var found = files.Where(file => AnonymousSwitches.Any(s => File.ReadAllText(file).Contains(s, StringComparison.OrdinalIgnoreCase)));

        Assert.Empty(found);
    }
}
