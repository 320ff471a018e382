using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace HealthAI.AppHost.Tests.Publishing;

public sealed class ComposePublishingTests(PublishedArtifacts published) : IClassFixture<PublishedArtifacts>
{
    private static readonly string[] ApiServices = ["healthai-app-1", "healthai-app-2", "healthai-app-3", "healthai-app-backup"];

    private JsonObject Compose => field ??= YamlJson.Convert(File.ReadAllText(Path.Combine(published.Compose, "docker-compose.yaml")))!.AsObject();

    private JsonObject Services => Compose["services"]!.AsObject();

    [Fact]
    public void The_compose_file_is_valid_against_the_Compose_Specification()
    {
        var result = ComposeSchema.Evaluate(JsonDocument.Parse(Compose.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void The_schema_check_rejects_a_broken_compose_file()
    {
        var broken = JsonNode.Parse(Compose.ToJsonString())!.AsObject();
        broken["services"]!["nginx"]!["restart_policy_typo"] = "always";

        Assert.False(ComposeSchema.Evaluate(JsonDocument.Parse(broken.ToJsonString()).RootElement).IsValid);
    }

    private static JsonSchema ComposeSchema => field ??= LoadComposeSchema();

    private static JsonSchema LoadComposeSchema()
    {
        var schemaPath = Path.Combine(RepositoryPaths.Root, "..", "shared", "schemas", "compose-spec.json");
        // The spec names its draft-07 meta-schema by an https id that the library does not know by that name.
        DialectRegistry.Global.Register(Dialect.Draft07.With([], new Uri("https://json-schema.org/draft-07/schema")));
        return JsonSchema.FromText(File.ReadAllText(schemaPath));
    }

    [Fact]
    public void Only_the_edges_are_published_to_the_world()
    {
        foreach (var (name, service) in Services)
        {
            var ports = service!["ports"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [];
            if (name is "nginx" or "haproxy")
            {
                Assert.Equal(2, ports.Count);
            }
            else
            {
                Assert.All(ports, port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
            }
        }

        Assert.True(Compose["networks"]!["backend"]!["internal"]!.GetValue<bool>());
        Assert.All(ApiServices, api => Assert.Equal(["backend"], Services[api]!["networks"]!.AsArray().Select(n => n!.GetValue<string>())));
    }

    [Fact]
    public void Every_API_service_has_a_health_check_that_works_in_its_image_and_the_edges_wait_for_it()
    {
        foreach (var api in ApiServices)
        {
            var test = Services[api]!["healthcheck"]!["test"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
            Assert.DoesNotContain("curl", test);
            Assert.Equal(["CMD", "dotnet", "HealthAI.Api.dll", "--probe"], test.Take(4));
            Assert.Null(Services[api]!["container_name"]);
        }

        var dependencies = Services["nginx"]!["depends_on"]!.AsObject();
        Assert.Equal(["healthai-app-1", "healthai-app-2", "healthai-app-3"], dependencies.Select(d => d.Key).Order());
        Assert.All(dependencies, d => Assert.Equal("service_healthy", d.Value!["condition"]!.GetValue<string>()));
        Assert.Equal(["haproxy"], Services["haproxy"]!["profiles"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public void Secrets_have_no_defaults_and_data_lives_on_named_volumes()
    {
        Assert.StartsWith("${GRAFANA_ADMIN_PASSWORD:?", Services["grafana"]!["environment"]!["GF_SECURITY_ADMIN_PASSWORD"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("${BACKUP_ADMIN_TOKEN:?", Services["healthai-app-1"]!["environment"]!["Backups__AdminToken"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("healthai-data", Compose["volumes"]!.AsObject().Select(v => v.Key));
        Assert.Contains("healthai-data:/app/data", Services["healthai-app-2"]!["volumes"]!.AsArray().Select(v => v!.GetValue<string>()));
        var template = File.ReadAllText(Path.Combine(published.Compose, ".env.template"));
        Assert.Contains("GRAFANA_ADMIN_PASSWORD=\n", template, StringComparison.Ordinal);
    }

    [Fact]
    public void The_API_image_is_pinned()
    {
        Assert.All(Services, service => Assert.DoesNotMatch(":latest$|^[^:]+$", service.Value!["image"]!.GetValue<string>()));
    }
}
