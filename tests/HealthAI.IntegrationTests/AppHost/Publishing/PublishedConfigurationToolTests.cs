using HealthAI.AppHost.Publishing;
using HealthAI.Hosting;

namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>
/// The configuration files in the published output pass their own tools' checks. nginx and HAProxy
/// resolve upstream names while checking, so they run in a private mount namespace whose /etc/hosts
/// knows the deployment's service names; the secret's mount point is moved to a folder with a test
/// certificate. Nothing else in the published file changes.
/// </summary>
public sealed class PublishedConfigurationToolTests(PublishedArtifacts published) : IClassFixture<PublishedArtifacts>
{
    private static readonly string[] ServiceNames =
        ["healthai-app-1", "healthai-app-2", "healthai-app-3", "healthai-app-backup", "healthai-api", "alertmanager", "prometheus", "nginx", "nginx-exporter"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("compose", "nginx")]
    [InlineData("compose", "haproxy")]
    [InlineData("k8s", "nginx")]
    public async Task The_published_edge_configuration_passes_its_tool_check(string target, string tool)
    {
        var folder = RunDirectory.Create("edge-check").Path;
        try
        {
            var source = target == "compose"
                ? File.ReadAllText(Path.Combine(published.Compose, tool, tool == "nginx" ? "nginx.conf" : "haproxy.cfg"))
                : KubernetesConfigMapFile("configmap-nginx-config.yaml", "nginx.conf");
            EdgeCertificate.EnsureIn(folder, TimeProvider.System);
            var configuration = Path.Combine(folder, tool == "nginx" ? "nginx.conf" : "haproxy.cfg");
            // The deployed run directory is the container's own; the check's goes with the test.
            var run = Directory.CreateDirectory(Path.Combine(folder, "run")).FullName;
            await File.WriteAllTextAsync(configuration, source
                .Replace(DeployedConfigurations.EdgeRunDirectory, run, StringComparison.Ordinal)
                .Replace("/etc/healthai/tls", folder, StringComparison.Ordinal), Cancel);
            var hosts = Path.Combine(folder, "hosts");
            await File.WriteAllTextAsync(hosts, $"127.0.0.1 localhost {string.Join(' ', ServiceNames)}\n", Cancel);
            var check = tool == "nginx" ? $"nginx -t -p {folder}/ -c {configuration}" : $"haproxy -c -f {configuration}";

            var result = await ToolRun.RunAsync("unshare", ["--mount", "sh", "-c", $"mount --bind {hosts} /etc/hosts && {check}"], cancellationToken: Cancel);

            Assert.True(result.Succeeded, result.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("compose")]
    [InlineData("k8s")]
    public async Task The_published_prometheus_configuration_passes_promtool(string target)
    {
        var folder = target == "compose" ? Path.Combine(published.Compose, "prometheus") : WriteConfigMap("configmap-prometheus-config.yaml");

        var config = await ToolRun.RunAsync("promtool", ["check", "config", "prometheus.yml"], folder, cancellationToken: Cancel);
        var rules = await ToolRun.RunAsync("promtool", ["check", "rules", .. HealthAI.AppHost.Monitoring.InfrastructureTool.RuleFiles], folder, cancellationToken: Cancel);

        Assert.True(config.Succeeded, config.Output);
        Assert.True(rules.Succeeded, rules.Output);
    }

    [Fact]
    public async Task The_published_alertmanager_configuration_passes_amtool()
    {
        var result = await ToolRun.RunAsync("amtool", ["check-config", Path.Combine(published.Compose, "alertmanager", "alertmanager.yml")], cancellationToken: Cancel);

        Assert.True(result.Succeeded, result.Output);
    }

    private string KubernetesConfigMapFile(string manifest, string key) =>
        k8s.KubernetesYaml.Deserialize<k8s.Models.V1ConfigMap>(File.ReadAllText(Path.Combine(published.Kubernetes, manifest))).Data[key];

    private string WriteConfigMap(string manifest)
    {
        var folder = Path.Combine(published.Output, Path.GetFileNameWithoutExtension(manifest));
        Directory.CreateDirectory(folder);
        foreach (var (key, value) in k8s.KubernetesYaml.Deserialize<k8s.Models.V1ConfigMap>(File.ReadAllText(Path.Combine(published.Kubernetes, manifest))).Data)
        {
            File.WriteAllText(Path.Combine(folder, key), value);
        }

        return folder;
    }
}
