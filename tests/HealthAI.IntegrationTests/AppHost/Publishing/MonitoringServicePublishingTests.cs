using System.Net.Sockets;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using HealthAI.AppHost.Monitoring;
using HealthAI.AppHost.Publishing;
using HealthAI.Hosting;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>
/// The publishers declare no monitoring service of their own: compose and Kubernetes render every resource of the
/// app model that its builder marked with a <see cref="MonitoringServiceAnnotation"/>, and only from that annotation.
/// A resource added to the model (a second Grafana here) is published by both with no publisher change.
/// </summary>
public sealed class MonitoringServicePublishingTests
{
    private const string ExtraGrafana = "grafana-ops";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_builders_mark_Prometheus_Alertmanager_and_Grafana_and_the_topology_has_exactly_those()
    {
        await using var publish = await TargetAgreementTests.AppModel.BuildAsync(publish: true);

        var marked = publish.Model.Resources.Where(r => r.Annotations.OfType<MonitoringServiceAnnotation>().Any()).Select(r => r.Name).Order(StringComparer.Ordinal);
        var topology = publish.Topology();

        Assert.Equal(["alertmanager", "grafana", "prometheus"], marked);
        Assert.Equal(["prometheus", "alertmanager", "grafana"], topology.MonitoringServices.Select(s => s.Name));
        var grafana = topology.MonitoringService("grafana");
        Assert.Equal(["prometheus"], grafana.DependsOn);
        Assert.Equal(["grafana"], topology.MonitoringService("prometheus").Clients);
        Assert.Equal(["prometheus"], topology.MonitoringService("alertmanager").Clients);
        Assert.Equal("grafana", grafana.Profile);
        Assert.Null(topology.Prometheus.Profile);
    }

    [Fact]
    public async Task A_monitoring_resource_added_to_the_model_is_published_by_compose_and_Kubernetes_alike()
    {
        await using var publish = await TargetAgreementTests.AppModel.BuildAsync(publish: true);
        var model = publish.Model;
        var prometheus = model.Resources.Single(r => r.Name == "prometheus");
        var appHost = RepositoryPaths.Of("HealthAI.AppHost");
        var extra = new ContainerResource(ExtraGrafana);
        extra.Annotations.Add(new EndpointAnnotation(ProtocolType.Tcp, uriScheme: "http", name: MonitoringBuilderExtensions.HttpEndpointName, port: 3101, targetPort: 3100));
        extra.Annotations.Add(new WaitAnnotation(prometheus, WaitType.WaitUntilHealthy));
        extra.Annotations.Add(new MonitoringServiceAnnotation
        {
            Kind = MonitoringServiceKind.Grafana,
            Image = "docker.io/grafana/grafana-oss:11.6.1",
            ReadinessPath = "/api/health",
            ConfigMounts = [new MonitoringConfigMount("dashboards", $"{ExtraGrafana}/dashboards", "/var/lib/grafana/dashboards", Path.Combine(appHost, "Monitoring", "grafana", "dashboards"))],
            Data = new MonitoringDataMount("/var/lib/grafana", Persistent: false),
            Environment = new Dictionary<string, string> { ["GF_AUTH_ANONYMOUS_ENABLED"] = "false" },
            ServiceUrls = [new MonitoringServiceUrl("PROMETHEUS_URL", prometheus)],
            OperatorFacing = true,
            RunAsUser = 472,
            Resources = new ComputeResources("50m", "64Mi", "200m", "256Mi"),
        });
        model.Resources.Add(extra);
        var settings = publish.App.Services.GetRequiredService<IConfiguration>().GetSection(HealthAISettings.SectionName).Get<HealthAISettings>()!;
        var output = RunDirectory.Create("monitoring-publish").Path;
        try
        {
            await PublishingExtensions.PublishAsync(model, settings, appHost, output, Cancel);

            var compose = YamlJson.Convert(File.ReadAllText(Path.Combine(output, "compose", "docker-compose.yaml")))!["services"]![ExtraGrafana]!;
            Assert.Equal("docker.io/grafana/grafana-oss:11.6.1", compose["image"]!.GetValue<string>());
            Assert.Null(compose["build"]);
            Assert.Equal([ExtraGrafana], Strings(compose["profiles"]));
            Assert.Equal("http://prometheus:9090", compose["environment"]!["PROMETHEUS_URL"]!.GetValue<string>());
            Assert.Equal([$"./{ExtraGrafana}/dashboards:/var/lib/grafana/dashboards:ro"], Strings(compose["volumes"]));
            Assert.Equal(["/var/lib/grafana", "/tmp"], Strings(compose["tmpfs"]));
            Assert.Equal(["127.0.0.1:${GRAFANA_OPS_PORT:-3101}:3100"], Strings(compose["ports"]));
            Assert.Equal("service_healthy", compose["depends_on"]!["prometheus"]!["condition"]!.GetValue<string>());
            Assert.Contains("http://127.0.0.1:3100/api/health", Strings(compose["healthcheck"]!["test"]));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "compose", ExtraGrafana, "dashboards"), "*.json"));

            var k8s = Path.Combine(output, "k8s");
            var deployment = KubernetesYaml.Deserialize<V1Deployment>(File.ReadAllText(Path.Combine(k8s, $"deployment-{ExtraGrafana}.yaml")));
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.Equal("docker.io/grafana/grafana-oss:11.6.1", container.Image);
            Assert.Equal("http://prometheus:9090", container.Env.Single(e => e.Name == "PROMETHEUS_URL").Value);
            Assert.Equal(472, deployment.Spec.Template.Spec.SecurityContext.RunAsUser);
            Assert.Equal($"{ExtraGrafana}-dashboards", deployment.Spec.Template.Spec.Volumes.Single(v => v.Name == "dashboards").ConfigMap.Name);
            var service = KubernetesYaml.Deserialize<V1Service>(File.ReadAllText(Path.Combine(k8s, $"service-{ExtraGrafana}.yaml")));
            Assert.Equal((3101, "3100"), (service.Spec.Ports.Single().Port, service.Spec.Ports.Single().TargetPort.Value));
            var dashboards = KubernetesYaml.Deserialize<V1ConfigMap>(File.ReadAllText(Path.Combine(k8s, $"configmap-{ExtraGrafana}-dashboards.yaml")));
            Assert.NotEmpty(dashboards.Data);
            // It reads Prometheus, so Prometheus admits it; nothing connects to it, so it admits no one.
            var prometheusIngress = KubernetesYaml.Deserialize<V1NetworkPolicy>(File.ReadAllText(Path.Combine(k8s, "networkpolicy-prometheus-ingress.yaml")));
            Assert.Equal(["grafana", ExtraGrafana], prometheusIngress.Spec.Ingress.Single().FromProperty.Select(p => p.PodSelector.MatchLabels["app.kubernetes.io/name"]).Order(StringComparer.Ordinal));
            var ownIngress = KubernetesYaml.Deserialize<V1NetworkPolicy>(File.ReadAllText(Path.Combine(k8s, $"networkpolicy-{ExtraGrafana}-ingress.yaml")));
            Assert.Null(ownIngress.Spec.Ingress);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(item => item!.GetValue<string>())];
}
