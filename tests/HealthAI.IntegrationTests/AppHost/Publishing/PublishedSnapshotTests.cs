namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>
/// The rendered artifacts equal their checked-in snapshots, so that any change to what is published is
/// seen in review. Files copied verbatim from the repository (static site, dashboards) are not
/// snapshotted. After an intended change: <c>./healthai accept-snapshots</c>.
/// </summary>
public sealed class PublishedSnapshotTests(PublishedArtifacts published) : IClassFixture<PublishedArtifacts>
{
    public const string AcceptVariable = "HEALTHAI_ACCEPT_SNAPSHOTS";

    private static readonly string[] CopiedVerbatim = ["configmap-static-site.yaml", "configmap-grafana-dashboards.yaml"];

    private static readonly string SnapshotFolder = RepositoryPaths.Of("tests", "HealthAI.IntegrationTests", "AppHost", "Publishing", "Snapshots");

    public static TheoryData<string> RenderedFiles()
    {
        var files = new TheoryData<string>
        {
            "compose/docker-compose.yaml",
            "compose/nginx/nginx.conf",
            "compose/haproxy/haproxy.cfg",
            "compose/prometheus/prometheus.yml",
            "k8s/kustomization.yaml",
        };
        foreach (var manifest in Directory.GetFiles(Path.Combine(SnapshotFolder, "k8s"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (manifest != "kustomization.yaml")
            {
                files.Add($"k8s/{manifest}");
            }
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(RenderedFiles))]
    public void A_published_file_matches_its_snapshot(string file)
    {
        var actual = File.ReadAllText(Path.Combine(published.Output, file));
        var snapshot = Path.Combine(SnapshotFolder, file);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
            File.WriteAllText(snapshot, actual);
        }

        Assert.True(File.Exists(snapshot), $"no snapshot for {file}: run ./healthai accept-snapshots");
        Assert.Equal(File.ReadAllText(snapshot), actual);
    }

    [Fact]
    public void Every_published_manifest_has_a_snapshot()
    {
        var manifests = Directory.GetFiles(published.Kubernetes, "*.yaml").Select(Path.GetFileName).Except(CopiedVerbatim).Order(StringComparer.Ordinal);
        var snapshots = Directory.GetFiles(Path.Combine(SnapshotFolder, "k8s"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            foreach (var file in manifests)
            {
                File.Copy(Path.Combine(published.Kubernetes, file!), Path.Combine(SnapshotFolder, "k8s", file!), overwrite: true);
            }

            foreach (var stale in snapshots.Except(manifests))
            {
                File.Delete(Path.Combine(SnapshotFolder, "k8s", stale!));
            }

            snapshots = manifests;
        }

        Assert.Equal(manifests, snapshots);
    }
}
