using HealthAI.Hosting;

namespace HealthAI.AppHost.Tests.Deployment;

/// <summary><c>./healthai publish DIR KEY=VALUE...</c> publishes under the settings it is given, not the defaults.</summary>
public sealed class PublishCommandTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_publish_command_passes_its_settings_to_the_AppHost()
    {
        var output = RunDirectory.Create("publish-command").Path;
        try
        {
            var result = await ToolRun.RunAsync("bash", ["healthai", "publish", output, "HealthAI:Publish:Namespace=clinic"], RepositoryPaths.Root, cancellationToken: Cancel);

            Assert.True(result.Succeeded, result.Output);
            Assert.Contains("namespace: clinic", File.ReadAllText(Path.Combine(output, "k8s", "kustomization.yaml")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
