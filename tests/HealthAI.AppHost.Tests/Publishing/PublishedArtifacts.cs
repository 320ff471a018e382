namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>
/// Runs the documented publish command once for a test class and keeps its output folder:
/// <c>dotnet run --project HealthAI.AppHost -- --operation publish --step publish --output-path DIR</c>.
/// </summary>
public sealed class PublishedArtifacts : IAsyncLifetime
{
    public string Output { get; } = Directory.CreateTempSubdirectory("healthai-publish-").FullName;

    public string Compose => Path.Combine(Output, "compose");

    public string Kubernetes => Path.Combine(Output, "k8s");

    public async ValueTask InitializeAsync()
    {
        var result = await ToolRun.RunAsync(
            "dotnet",
            ["run", "--project", RepositoryPaths.Of("HealthAI.AppHost"), "--no-build", "--no-launch-profile", "--", "--operation", "publish", "--step", "publish", "--output-path", Output],
            RepositoryPaths.Root);
        Assert.True(result.Succeeded && File.Exists(Path.Combine(Compose, "docker-compose.yaml")), $"publish failed:\n{result.Output}");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Output, recursive: true);
        return ValueTask.CompletedTask;
    }
}
