using HealthAI.Hosting;
namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>
/// Runs the documented publish command once for a test class and keeps its output folder:
/// <c>dotnet run --project HealthAI.AppHost -- --operation publish --step publish --output-path DIR</c>.
/// </summary>
public class PublishedArtifacts : IAsyncLifetime
{
    public string Output { get; } = RunDirectory.Create("publish").Path;

    public string Compose => Path.Combine(Output, "compose");

    public string Kubernetes => Path.Combine(Output, "k8s");

    /// <summary>HealthAI settings the artifacts are published with (none: the defaults).</summary>
    protected virtual IEnumerable<string> Settings => [];

    public async ValueTask InitializeAsync()
    {
        var result = await ToolRun.RunAsync(
            "dotnet",
            ["run", "--project", RepositoryPaths.Of("HealthAI.AppHost"), "--no-build", "--no-launch-profile", "--", "--operation", "publish", "--step", "publish", "--output-path", Output, .. Settings],
            RepositoryPaths.Root);
        Assert.True(result.Succeeded && File.Exists(Path.Combine(Compose, "docker-compose.yaml")), $"publish failed:\n{result.Output}");
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        Directory.Delete(Output, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The artifacts published on the PostgreSql engine: the compose file with its <c>postgres</c> profile.</summary>
public sealed class PublishedPostgresArtifacts : PublishedArtifacts
{
    protected override IEnumerable<string> Settings => ["HealthAI:KnowledgeBase:Engine=PostgreSql"];
}

/// <summary>The artifacts published with a registry and the Kubernetes autoscaling and compute settings changed.</summary>
public sealed class PublishedTunedArtifacts : PublishedArtifacts
{
    protected override IEnumerable<string> Settings =>
    [
        "HealthAI:Publish:Registry=registry.example.com:5000",
        "HealthAI:Publish:Kubernetes:MinReplicas=4",
        "HealthAI:Publish:Kubernetes:MaxReplicas=12",
        "HealthAI:Publish:Kubernetes:ApiCpuRequest=1",
        "HealthAI:Publish:Kubernetes:ApiMemoryRequest=768Mi",
        "HealthAI:Publish:Kubernetes:ApiCpuLimit=1500m",
        "HealthAI:Publish:Kubernetes:ApiMemoryLimit=2Gi",
    ];
}

/// <summary>The artifacts published with one input of one ConfigMap changed: Prometheus's rule evaluation interval.</summary>
public sealed class PublishedWithOtherPrometheusConfig : PublishedArtifacts
{
    protected override IEnumerable<string> Settings => ["HealthAI:Monitoring:EvaluationInterval=00:00:20"];
}
