using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>
/// mtail runs where nginx's request log stream arrives, on the port nginx sends it to, in both targets: a service at the
/// fixed backend address nginx sends to in compose, a container of nginx's pod in Kubernetes, scraped by Prometheus and
/// admitted to Prometheus alone.
/// </summary>
public sealed partial class EdgeSidecarPublishingTests(PublishedArtifacts published) : IClassFixture<PublishedArtifacts>
{
    private const string Sidecar = "nginx-mtail";

    [Fact]
    public void Compose_runs_mtail_locked_down_at_the_fixed_address_and_port_nginx_sends_to()
    {
        var services = YamlJson.Convert(File.ReadAllText(Path.Combine(published.Compose, "docker-compose.yaml")))!["services"]!.AsObject();
        var mtail = services[Sidecar]!.AsObject();

        var address = (string?)mtail["networks"]!["backend"]!["ipv4_address"];
        Assert.Null(mtail["network_mode"]);
        Assert.Null(mtail["ports"]);
        Assert.True((bool?)mtail["read_only"]);
        Assert.Equal(["ALL"], mtail["cap_drop"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["no-new-privileges:true"], mtail["security_opt"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("service_healthy", (string?)mtail["depends_on"]!["nginx"]!["condition"]);
        Assert.Contains("http://127.0.0.1:3903/metrics", mtail["healthcheck"]!["test"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("json-file", (string?)mtail["logging"]!["driver"]);
        Assert.Equal("healthai/mtail:1.0.0", (string?)mtail["image"]);
        var nginx = File.ReadAllText(Path.Combine(published.Compose, "nginx", "nginx.conf"));
        Assert.Equal(address, SyslogServer().Match(nginx).Groups["address"].Value);
        Assert.Equal(SyslogPort(nginx), LogsPort(mtail["command"]!.AsArray().Select(v => (string)v!)));
        Assert.Contains($"- {Sidecar}:3903", File.ReadAllText(Path.Combine(published.Compose, "prometheus", "prometheus.yml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_runs_mtail_in_every_nginx_pod_scraped_through_nginx_metrics_and_admitted_to_Prometheus_alone()
    {
        var objects = Directory.GetFiles(published.Kubernetes, "*.yaml")
            .Where(file => Path.GetFileName(file) != "kustomization.yaml" && !Path.GetFileName(file).StartsWith("cluster-", StringComparison.Ordinal) && !Path.GetFileName(file).StartsWith("scheduledbackup-", StringComparison.Ordinal))
            .SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(file)))
            .ToList();
        var pod = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "nginx").Spec.Template.Spec;
        var mtail = pod.Containers.Single(c => c.Name == Sidecar);
        var configuration = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "nginx-config").Data["nginx.conf"];

        Assert.Equal(SyslogPort(configuration), LogsPort(mtail.Args));
        Assert.Equal([3903], mtail.Ports.Select(p => p.ContainerPort));
        Assert.Equal(65534, mtail.SecurityContext.RunAsUser);
        Assert.True(mtail.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Contains(3903, objects.OfType<V1Service>().Single(s => s.Metadata.Name == "nginx-metrics").Spec.Ports.Select(p => p.Port));
        var fromPrometheus = objects.OfType<V1NetworkPolicy>().Single(p => p.Metadata.Name == "nginx-ingress").Spec.Ingress.Single(r => r.FromProperty is not null);
        Assert.Equal(["prometheus"], fromPrometheus.FromProperty.Select(p => p.PodSelector.MatchLabels["app.kubernetes.io/name"]));
        Assert.Contains("3903", fromPrometheus.Ports.Select(p => p.Port.Value));
    }

    private static int SyslogPort(string nginxConfiguration) =>
        int.Parse(SyslogServer().Match(nginxConfiguration).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static int LogsPort(IEnumerable<string> arguments) =>
        int.Parse(arguments.Single(a => a.StartsWith("--logs=udp://0.0.0.0:", StringComparison.Ordinal))["--logs=udp://0.0.0.0:".Length..], System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"access_log syslog:server=(?<address>[0-9.]+):(?<port>\d+),")]
    private static partial Regex SyslogServer();
}
